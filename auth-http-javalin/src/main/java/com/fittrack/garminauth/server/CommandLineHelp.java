package com.fittrack.garminauth.server;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * What every command of {@code garmin-auth-server.jar} has in common, applied to the command tree
 * once it is built (so that a command added later gets it too): {@code --help} and {@code
 * --version} on every subcommand, a {@code help <command>} command, and a warning about unknown
 * {@code GARMIN_AUTH_*} variables before any command runs.
 */
final class CommandLineHelp {
  private CommandLineHelp() {}

  static void apply(CommandLine cli, Map<String, String> env) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
      if (!spec.mixinStandardHelpOptions()) {
        spec.mixinStandardHelpOptions(true);
      }
      if (spec.versionProvider() == null) {
        spec.versionProvider(new Main.Version());
      }
    }
    if (!cli.getSubcommands().containsKey("help")) {
      cli.addSubcommand("help", new CommandLine.HelpCommand());
    }
    cli.setExecutionStrategy(
        parseResult -> {
          Object command =
              parseResult
                  .asCommandLineList()
                  .get(parseResult.asCommandLineList().size() - 1)
                  .getCommand();
          // serve logs the warning itself, once its configuration is known to be valid
          if (!(command instanceof Main) && !(command instanceof Main.Serve)) {
            warnAboutUnknownVariables(cli.getErr(), env);
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
  }

  static void warnAboutUnknownVariables(PrintWriter err, Map<String, String> env) {
    for (String unknown : ServerConfig.unknownVariables(env)) {
      err.println("warning: " + unknown + " is not a garmin-auth setting (a typo?); ignored");
    }
    err.flush();
  }
}
