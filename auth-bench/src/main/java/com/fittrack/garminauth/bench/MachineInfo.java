package com.fittrack.garminauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the figures were measured on: CPU, memory, OS, JDK and how busy the machine was. */
public record MachineInfo(
    String cpu, int cores, String memory, String os, String jdk, String loadAverage) {

  public static MachineInfo capture() {
    return new MachineInfo(
        cpuModel().orElse(System.getProperty("os.arch")),
        Runtime.getRuntime().availableProcessors(),
        memTotal().orElse("unknown"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        loadAverageNow());
  }

  /** The 1, 5 and 15 minute load averages, e.g. {@code 3.10 2.95 2.40}. */
  public static String loadAverageNow() {
    return firstLine(Path.of("/proc/loadavg"))
        .map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3)))
        .orElse(
            String.format(
                Locale.ROOT,
                "%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage()));
  }

  private static Optional<String> cpuModel() {
    return lines(Path.of("/proc/cpuinfo")).stream()
        .filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .findFirst();
  }

  private static Optional<String> memTotal() {
    return lines(Path.of("/proc/meminfo")).stream()
        .filter(l -> l.startsWith("MemTotal:"))
        .map(l -> l.replaceAll("\\D+", ""))
        .map(kb -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0))
        .findFirst();
  }

  private static Optional<String> firstLine(Path p) {
    return lines(p).stream().findFirst();
  }

  private static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
