package com.fittrack.garminauth.bench;

import java.util.List;
import java.util.Locale;

/** Markdown of figures 3 and 4 from the runs {@link HttpFigures} measured. */
final class HttpReport {
  /** POST /token against the constant route, near cache on (issue #17): at least this. */
  static final double HTTP_TARGET = 0.6;

  /** Start to ready on H2 against the minimal Javalin server (issue #17): at most this. */
  static final double START_TARGET = 1.5;

  private HttpReport() {}

  static String render(
      List<HttpFigures.Run> runs, List<String> problems, SuitePlan plan, int workers) {
    StringBuilder md = new StringBuilder();
    md.append("## 3. HTTP: POST /v1/connections/{id}/token\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "A load driver in a second process (JDK HttpClient, HTTP/1.1 keep-alive, %d closed-loop"
                + " workers, a random user of %d per request, on loopback) against each server"
                + " started as `java -jar` with default settings. The baseline is a minimal Javalin"
                + " route answering a constant JSON body of the same size. Each run warms up until"
                + " the server's JIT compilers have used at most %.0f%% of a core for %d s (at least"
                + " %d s, at most %d s; on 2 cores shared with the driver that takes 20-40 s, and a"
                + " fixed 10 s measured a server still compiling), then measures %d s. Driver and"
                + " server share the 2 cores, so these are ratios of what one machine does, not"
                + " capacity figures. One run each: no error bar. Rows marked \"near cache off\" run"
                + " the same server with GARMIN_AUTH_NEAR_CACHE_SIZE=0, on a database of their own."
                + " Server CPU is the CPU time the server process used during the measured phase (all"
                + " its threads, from /proc) divided by the requests answered: it moves far less with"
                + " the neighbours' load than throughput does. JIT is the share of that CPU its"
                + " compiler threads used (near 0: a steady state).%n%n",
            workers,
            plan.users(),
            HttpFigures.SETTLED_COMPILER_SHARE * 100,
            HttpFigures.SETTLED_WINDOW.toSeconds(),
            plan.httpSeconds(),
            Math.max(plan.httpSeconds(), plan.httpWarmupSeconds()),
            plan.httpSeconds()));
    HttpFigures.Run base = runs.get(0);
    md.append(
        "| Server | requests/s | vs baseline | p50 ms | p99 ms | p99 vs baseline | server CPU µs"
            + " per request | vs baseline | warm-up s | JIT | errors | target |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (HttpFigures.Run r : runs) {
      LoadDriver.Outcome o = r.load();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.2fx | %.2f | %.2f | %.2fx | %.0f | %.2fx | %.0f%s | %.0f%% | %d | %s |%n",
              r.name(),
              o.requestsPerSecond(),
              o.requestsPerSecond() / base.load().requestsPerSecond(),
              o.p50Micros() / 1000.0,
              o.p99Micros() / 1000.0,
              (double) o.p99Micros() / Math.max(1, base.load().p99Micros()),
              r.serverCpuMicrosPerRequest(),
              r.serverCpuMicrosPerRequest() / base.serverCpuMicrosPerRequest(),
              r.warmupSeconds(),
              r.warmupSettled() ? "" : " (not settled)",
              r.compilerShare() * 100,
              o.errors(),
              r == base || r.name().contains("near cache off")
                  ? ""
                  : BenchmarkReport.verdict(
                      o.requestsPerSecond() / base.load().requestsPerSecond() >= HTTP_TARGET,
                      "≥ " + HTTP_TARGET + "x")));
    }
    problems.forEach(p -> md.append("\n**Not measured:** ").append(p).append('\n'));
    md.append("\n## 4. Server start to ready, resident memory\n\n");
    md.append("From process start until `GET /health/ready` first answers 200 (polled every 10 ms;")
        .append(" the server migrates the schema on start), the median of ")
        .append(plan.startRounds())
        .append(plan.startRounds() == 1 ? " start" : " starts one after the other")
        .append(" (a start moves by tenths of a second with the neighbours' load, the whole")
        .append(" difference between meeting and missing the target), and the resident set")
        .append(" (VmRSS) right after the last start and at its peak under the load of figure")
        .append(" 3.\n\n");
    md.append(
        "| Server | start to ready s | vs baseline | every start s | RSS after start MiB | RSS"
            + " under load MiB | target |\n");
    md.append("|---|---:|---:|---|---:|---:|---|\n");
    for (HttpFigures.Run r : runs) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f | %.2fx | %s | %.0f | %.0f | %s |%n",
              r.name(),
              r.startToReady().toMillis() / 1000.0,
              (double) r.startToReady().toMillis() / Math.max(1, base.startToReady().toMillis()),
              r.starts().stream()
                  .map(d -> String.format(Locale.ROOT, "%.2f", d.toMillis() / 1000.0))
                  .collect(java.util.stream.Collectors.joining(", ")),
              r.rssAfterStartMib(),
              r.rssUnderLoadMib(),
              r == base || !r.name().contains("H2")
                  ? ""
                  : BenchmarkReport.verdict(
                      (double) r.startToReady().toMillis()
                          <= START_TARGET * Math.max(1, base.startToReady().toMillis()),
                      "≤ " + START_TARGET + "x")));
    }
    return md.toString();
  }
}
