package com.fittrack.garminauth.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.http.ConnectionView;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line of {@code garmin-auth-server.jar}: {@code serve} (the default), {@code migrate},
 * {@code rekey}, {@code import-session}, {@code status}. Configuration comes from the environment
 * for every command; exit code 2 means bad configuration or usage.
 */
@Command(
    name = "garmin-auth-server",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Keeps Garmin Connect sessions alive for stateless workers (REST server).",
    subcommands = {
      Main.Serve.class,
      Main.Migrate.class,
      Main.Rekey.class,
      Main.ImportSession.class,
      Main.Status.class,
      WebhookCommands.class,
      CooldownsCommand.class
    })
public final class Main implements Callable<Integer> {
  static final int CONFIG_ERROR = 2;
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private final Map<String, String> env;

  Main(Map<String, String> env) {
    this.env = env;
  }

  public static void main(String[] args) {
    int code = run(System.getenv(), args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs a command; {@code serve} returns only once the server has stopped. */
  static int run(Map<String, String> env, String... args) {
    if (args.length == 0 || (args.length == 1 && args[0].equals("serve"))) {
      // The usual start has nothing to parse: serve without building the command line, whose
      // model picocli reads from every command's annotations (about a twentieth of a start).
      return serveWithoutOptions(env);
    }
    CommandLine cli = new CommandLine(new Main(env), new Factory(env));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          OptionalInt code = reported(e, commandLine.getErr());
          if (code.isPresent()) {
            return code.getAsInt();
          }
          throw e;
        });
    CommandLineHelp.apply(cli, env);
    return cli.execute(args);
  }

  /**
   * What {@code execute()} does for {@code serve} without options: {@link Serve#call()}, with the
   * same exit codes and messages for failures.
   */
  private static int serveWithoutOptions(Map<String, String> env) {
    PrintWriter err = new PrintWriter(System.err, true);
    try {
      return new Serve(env).call();
    } catch (RuntimeException e) {
      OptionalInt code = reported(e, err);
      if (code.isPresent()) {
        return code.getAsInt();
      }
      e.printStackTrace(err); // as picocli reports an exception nobody handled
      return 1;
    } finally {
      err.flush();
    }
  }

  /** The exit code of a failure the user can act on, reported on {@code err} in one line. */
  private static OptionalInt reported(Exception e, PrintWriter err) {
    if (e instanceof ConfigException) {
      err.println("configuration error: " + e.getMessage());
      return OptionalInt.of(CONFIG_ERROR);
    }
    if (e instanceof GarminAuthException g) {
      err.println(g.code().wireName() + ": " + g.getMessage());
      return OptionalInt.of(1);
    }
    return OptionalInt.empty();
  }

  /** Without a command: serve. */
  @Override
  public Integer call() {
    return new Serve(env).call();
  }

  /** Lets the commands receive the environment (tests pass their own). */
  private record Factory(Map<String, String> env) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(Map.class).newInstance(env);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"garmin-auth-server " + (v == null ? "dev" : v)};
    }
  }

  @Command(name = "serve", description = "Migrate the database, then serve the REST API.")
  static final class Serve implements Callable<Integer> {
    private final Map<String, String> env;

    @Option(
        names = "--demo",
        description = "Also run a fake Garmin in this process, with demo accounts.")
    boolean demo;

    Serve(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      ServerConfig config = demo ? ServerConfig.forDemo(env) : ServerConfig.fromEnvironment(env);
      for (String unknown : ServerConfig.unknownVariables(env)) {
        LOG.warn("{} is not a garmin-auth setting (a typo?); ignored", unknown);
      }
      GarminAuthServer server = GarminAuthServer.start(config);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    LogShutdown.stop();
                    stopped.countDown();
                  },
                  "garmin-auth-shutdown"));
      if (config.demo()) {
        DemoBanner.print(server);
      }
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
  }

  @Command(name = "migrate", description = "Apply the database migrations and exit.")
  static final class Migrate implements Callable<Integer> {
    private final Map<String, String> env;

    Migrate(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      ServerConfig config = ServerConfig.fromEnvironment(env);
      Backends.migrate(config, new DataDirectory(config.dataDir()));
      LOG.info("database migrated");
      return 0;
    }
  }

  @Command(
      name = "rekey",
      description = "Re-encrypt every stored secret with the active (first) encryption key.")
  static final class Rekey implements Callable<Integer> {
    private final Map<String, String> env;

    @Option(names = "--batch-size", defaultValue = "100", description = "Rows per transaction.")
    int batchSize;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Rekey(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      if (batchSize < 1 || batchSize > 10_000) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--batch-size must be 1-10000");
      }
      ServerConfig config = ServerConfig.fromEnvironment(env);
      String report = Backends.rekey(config, new DataDirectory(config.dataDir()), batchSize);
      spec.commandLine().getOut().println(report);
      return 0;
    }
  }

  @Command(
      name = "import-session",
      description = "Import a garth or python-garminconnect session for a user.")
  static final class ImportSession implements Callable<Integer> {
    private final Map<String, String> env;

    @Parameters(index = "0", description = "The FitTrack user id.")
    String userId;

    @Option(names = "--format", description = "garth or garminconnect (detected when absent).")
    String format;

    @Option(names = "--file", description = "The session file (default: standard input).")
    Path file;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    ImportSession(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() throws IOException {
      UserId user = UserId.of(userId);
      String data =
          file != null
              ? Files.readString(file, StandardCharsets.UTF_8)
              : new String(System.in.readNBytes(1 << 20), StandardCharsets.UTF_8);
      ServerConfig config = ServerConfig.fromEnvironment(env);
      var summary =
          Backends.importSession(
              config, new DataDirectory(config.dataDir()), user, Optional.ofNullable(format), data);
      printJson(spec.commandLine().getOut(), ConnectionView.of(summary));
      return 0;
    }
  }

  @Command(name = "status", description = "Print a user's connection (never a token).")
  static final class Status implements Callable<Integer> {
    private final Map<String, String> env;

    @Parameters(index = "0", description = "The FitTrack user id.")
    String userId;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Status(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      UserId user = UserId.of(userId);
      ServerConfig config = ServerConfig.fromEnvironment(env);
      var summary = Backends.status(config, new DataDirectory(config.dataDir()), user);
      if (summary.isEmpty()) {
        spec.commandLine().getErr().println("not_connected: no Garmin connection for " + user);
        return 1;
      }
      printJson(spec.commandLine().getOut(), ConnectionView.of(summary.get()));
      return 0;
    }
  }

  private static void printJson(PrintWriter out, Object value) {
    try {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
