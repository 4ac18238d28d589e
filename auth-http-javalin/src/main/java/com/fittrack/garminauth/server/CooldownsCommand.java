package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.application.port.out.GarminCooldowns;
import com.fittrack.garminauth.core.domain.GarminCooldown;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cooldowns}: lists the Garmin cooldowns every instance honours, or clears one ({@code
 * --clear KEY}) or all ({@code --clear-all}), so that the next call goes straight to Garmin.
 */
@Command(
    name = "cooldowns",
    description =
        "List the Garmin cooldowns (429s, block pages) every instance honours; --clear KEY or"
            + " --clear-all ends them.")
final class CooldownsCommand implements Callable<Integer> {
  private final Map<String, String> env;

  @Option(names = "--clear", paramLabel = "KEY", description = "End the cooldown on KEY.")
  String clear;

  @Option(names = "--clear-all", description = "End every cooldown.")
  boolean clearAll;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  CooldownsCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (clear != null && clearAll) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give --clear KEY or --clear-all, not both");
    }
    if (clear != null) {
      GarminCooldown.requireKey(clear);
    }
    ServerConfig config = ServerConfig.fromEnvironment(env);
    PrintWriter out = spec.commandLine().getOut();
    try (GarminAuthDatabase db =
        Adapters.openDatabase(config, new DataDirectory(config.dataDir()), Clock.systemUTC())) {
      db.migrate();
      GarminCooldowns cooldowns = db.cooldowns();
      if (clear != null) {
        if (!cooldowns.clear(clear)) {
          spec.commandLine().getErr().println("not_found: no Garmin cooldown on " + clear);
          return 1;
        }
        out.println("cleared " + clear);
        return 0;
      }
      List<GarminCooldown> all = cooldowns.all();
      if (clearAll) {
        all.forEach(c -> cooldowns.clear(c.key()));
        out.println("cleared " + all.size() + " cooldown(s)");
        return 0;
      }
      print(out, all, Instant.now());
      return 0;
    }
  }

  private static void print(PrintWriter out, List<GarminCooldown> all, Instant now) {
    if (all.isEmpty()) {
      out.println("no Garmin cooldown");
      return;
    }
    for (GarminCooldown c : all) {
      String state =
          c.isActive(now)
              ? "active, " + c.retryAfter(now).toSeconds() + " s left"
              : c.probing(now) ? "probing" : "ran out (the next call probes)";
      out.println(c.key() + "  " + state + "  until " + c.until() + "  strikes " + c.strikes());
    }
  }
}
