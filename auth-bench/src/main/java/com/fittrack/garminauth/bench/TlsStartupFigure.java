package com.fittrack.garminauth.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figure 6: what loading Conscrypt costs the standalone server (ADR 0212). The server jar is
 * started alternately with {@code GARMIN_AUTH_GARMIN_TLS=jdk} (the baseline: no provider loaded)
 * and with the default, which loads Conscrypt's native library at start; each start is timed until
 * {@code /health/ready} answers 200 (as figure 4 does) and its resident set read right then.
 *
 * <pre>{@code
 * java -cp auth-bench/target/benchmarks.jar com.fittrack.garminauth.bench.TlsStartupFigure \
 *     --server-jar auth-http-javalin/target/garmin-auth-server.jar --out docs/benchmarks.md
 * }</pre>
 *
 * Run on its own like that, it replaces only its section of the document.
 */
final class TlsStartupFigure {
  static final String BEGIN = "<!-- figure 6: TLS provider -->";
  static final String END = "<!-- end of figure 6 -->";

  /** One start measured. */
  record Start(String variant, Duration startToReady, double rssMib) {}

  private final Path work;
  private final int pairs;

  TlsStartupFigure(Path work, int pairs) {
    this.work = work;
    this.pairs = pairs;
  }

  /**
   * The markdown section, from {@code pairs} alternating starts after one discarded warm-up each.
   */
  String measure(Path serverJar) throws Exception {
    String loadBefore = MachineInfo.loadAverageNow();
    List<Start> starts = new ArrayList<>();
    for (int i = -1; i < pairs; i++) {
      for (String variant : List.of("jdk", "auto")) {
        Start s = start(serverJar, variant);
        if (i >= 0) { // the first pair creates the data directories and warms the page cache
          starts.add(s);
        }
      }
    }
    return render(starts, loadBefore, MachineInfo.loadAverageNow());
  }

  private Start start(Path serverJar, String variant) throws Exception {
    Path dataDir = work.resolve("tls-startup-" + variant);
    Files.createDirectories(dataDir);
    int port = ServerProcess.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("GARMIN_AUTH_DATA_DIR", dataDir.toString());
    env.put("GARMIN_AUTH_PORT", Integer.toString(port));
    env.put("GARMIN_AUTH_BIND", "127.0.0.1");
    env.put("GARMIN_AUTH_GARMIN_TLS", variant);
    Path log = work.resolve("tls-startup-" + variant + ".log");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            serverJar.toString());
    try (ServerProcess server = ServerProcess.start(cmd, env, port, log)) {
      return new Start(variant, server.startToReady(), server.residentMib());
    }
  }

  static String render(List<Start> starts, String loadBefore, String loadAfter) {
    double jdkStart = median(starts, "jdk", true);
    double autoStart = median(starts, "auto", true);
    double jdkRss = median(starts, "jdk", false);
    double autoRss = median(starts, "auto", false);
    long n = starts.stream().filter(s -> s.variant().equals("jdk")).count();
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append('\n');
    md.append("## 6. TLS provider: start to ready, resident memory\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "The server jar started %d times each, alternately, with `GARMIN_AUTH_GARMIN_TLS=jdk`"
                + " (baseline: no provider loaded) and with the default `auto`, which loads"
                + " Conscrypt 2.5.2's native BoringSSL at start (ADR 0212); after one discarded"
                + " start of each. Embedded H2. Medians; start to ready as in figure 4, resident"
                + " set (VmRSS) read when ready. Load average %s before, %s after: on a busy"
                + " machine the spread between starts of one variant (listed below) is wider than"
                + " the difference between the medians, so read the ratio as an upper bound of"
                + " the order of magnitude, not a precise cost.%n%n",
            n,
            loadBefore,
            loadAfter));
    md.append("| TLS | start to ready s | vs jdk | RSS when ready MiB | vs jdk |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    md.append(
        String.format(
            Locale.ROOT, "| jdk (baseline) | %.2f | 1.00x | %.0f | +0 MiB |%n", jdkStart, jdkRss));
    md.append(
        String.format(
            Locale.ROOT,
            "| auto = conscrypt | %.2f | %.2fx | %.0f | %+.0f MiB |%n",
            autoStart,
            autoStart / jdkStart,
            autoRss,
            autoRss - jdkRss));
    md.append("\nEvery start (s, MiB): ");
    md.append(
        String.join(
            ", ",
            starts.stream()
                .map(
                    s ->
                        String.format(
                            Locale.ROOT,
                            "%s %.2f/%.0f",
                            s.variant(),
                            s.startToReady().toMillis() / 1000.0,
                            s.rssMib()))
                .toList()));
    md.append(
        "\n\nReproduce this figure alone (the full suite measures it too): `./mvnw -B -q -pl"
            + " auth-bench,auth-http-javalin -am package -Pbenchmarks -DskipTests && java -cp"
            + " auth-bench/target/benchmarks.jar com.fittrack.garminauth.bench.TlsStartupFigure"
            + " --pairs "
            + n
            + "`\n");
    md.append(END).append('\n');
    return md.toString();
  }

  private static double median(List<Start> starts, String variant, boolean time) {
    double[] values =
        starts.stream()
            .filter(s -> s.variant().equals(variant))
            .mapToDouble(s -> time ? s.startToReady().toMillis() / 1000.0 : s.rssMib())
            .sorted()
            .toArray();
    int m = values.length / 2;
    return values.length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
  }

  /** Measures figure 6 alone and puts it into {@code --out} in place of its previous version. */
  public static void main(String[] args) throws Exception {
    Path serverJar = Path.of("auth-http-javalin/target/garmin-auth-server.jar");
    Path out = Path.of("docs/benchmarks.md");
    Path work = Path.of("auth-bench/target/bench-data");
    int pairs = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--server-jar" -> serverJar = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--pairs" -> pairs = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(work);
    String section = new TlsStartupFigure(work, pairs).measure(serverJar);
    String doc = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    String updated =
        begin >= 0 && end > begin
            ? doc.substring(0, begin) + section + doc.substring(end + END.length() + 1)
            : doc + (doc.endsWith("\n") || doc.isEmpty() ? "\n" : "\n\n") + section;
    Files.writeString(out, updated, StandardCharsets.UTF_8);
    System.out.print(section);
  }
}
