package com.fittrack.garminauth.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.WebhookDeliveries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code webhooks dead-letters} and {@code webhooks redeliver}: the dead letters, by hand. */
@Command(
    name = "webhooks",
    description = "List and redeliver webhook deliveries that were given up (dead letters).",
    subcommands = {WebhookCommands.DeadLetters.class, WebhookCommands.Redeliver.class})
final class WebhookCommands implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  WebhookCommands(Map<String, String> env) {}

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  private static GarminAuthDatabase open(Map<String, String> env) {
    ServerConfig config = ServerConfig.fromEnvironment(env);
    GarminAuthDatabase db =
        Adapters.openDatabase(config, new DataDirectory(config.dataDir()), Clock.systemUTC());
    try {
      db.migrate();
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** One line of JSON per dead letter; no body (it is in the feed), no secret. */
  record DeadLetterLine(
      String endpoint,
      long position,
      String eventId,
      String userId,
      int attempts,
      String createdAt,
      String lastError) {}

  @Command(name = "dead-letters", description = "Print dead letters as JSON lines, oldest first.")
  static final class DeadLetters implements Callable<Integer> {
    private final Map<String, String> env;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many (1-10000).")
    int limit;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    DeadLetters(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      if (limit < 1 || limit > 10_000) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 1-10000");
      }
      ObjectMapper json = new ObjectMapper();
      try (GarminAuthDatabase db = open(env)) {
        for (WebhookDeliveries.DeadLetter d : db.webhookDeliveries().deadLetters(limit)) {
          spec.commandLine()
              .getOut()
              .println(
                  json.writeValueAsString(
                      new DeadLetterLine(
                          d.endpointId(),
                          d.position(),
                          d.eventId(),
                          d.userId(),
                          d.attempts(),
                          d.createdAt().toString(),
                          d.lastError().orElse(null))));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return 0;
    }
  }

  @Command(
      name = "redeliver",
      description =
          "Make dead letters pending again: one (<endpoint> <position>, as listed) or --all.")
  static final class Redeliver implements Callable<Integer> {
    private final Map<String, String> env;

    @Parameters(index = "0", arity = "0..1", description = "The endpoint id.")
    String endpoint;

    @Parameters(index = "1", arity = "0..1", description = "The event's position.")
    Long position;

    @Option(names = "--all", description = "Every dead letter.")
    boolean all;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Redeliver(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      if (all == (endpoint != null)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "give either <endpoint> <position> or --all");
      }
      if (!all && position == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "<position> is missing");
      }
      try (GarminAuthDatabase db = open(env)) {
        WebhookDeliveries deliveries = db.webhookDeliveries();
        int count = 0;
        if (all) {
          for (WebhookDeliveries.DeadLetter d : deliveries.deadLetters(10_000)) {
            if (deliveries.redeliver(d.endpointId(), d.position(), Clock.systemUTC().instant())) {
              count++;
            }
          }
        } else if (deliveries.redeliver(endpoint, position, Clock.systemUTC().instant())) {
          count = 1;
        } else {
          spec.commandLine()
              .getErr()
              .println("not_found: no dead letter " + endpoint + " " + position);
          return 1;
        }
        spec.commandLine().getOut().println(count + " delivery(ies) pending again");
      }
      return 0;
    }
  }
}
