package com.fittrack.garminauth.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The migration scripts Flyway applies, named by the index {@value #INDEX} rather than found by a
 * scan of the class path: the scan walked every entry of every jar (about 17,000 in the server jar)
 * on each start. Scripts are read from the class path by their exact names, so this works from a
 * fat jar, from separate jars and from a build's classes directory alike. Scripts of the locations
 * not asked for (the PostgreSQL-only ones on H2) are left out, as Flyway's own locations did.
 *
 * <p>Each line of the index also holds the checksum Flyway records for the script, so that a
 * database whose history already holds exactly these scripts can be recognised with one query and
 * without starting Flyway ({@link GarminAuthDatabase#migrate()}; MigrationScriptsTest fails the
 * build when a checksum differs from Flyway's own).
 */
final class MigrationScripts implements ResourceProvider {
  static final String INDEX = "db/garmin-auth-migrations.txt";

  private final ClassLoader loader;
  private final List<Script> scripts;

  private MigrationScripts(ClassLoader loader, List<Script> scripts) {
    this.loader = loader;
    this.scripts = scripts;
  }

  /** The indexed scripts under {@code locations} (class-path folders such as "db/migration"). */
  static MigrationScripts in(ClassLoader loader, String... locations) {
    List<Script> found = new ArrayList<>();
    for (Indexed entry : entries(loader, locations)) {
      if (loader.getResource(entry.path()) == null) {
        throw new IllegalStateException(
            INDEX + " lists " + entry.path() + ", which is not on the class path");
      }
      found.add(new Script(loader, entry.path()));
    }
    return new MigrationScripts(loader, List.copyOf(found));
  }

  /**
   * One line of the index: a script's class-path location and the checksum Flyway records for it.
   */
  record Indexed(String path, int checksum) {
    /** The name Flyway records in its history's {@code script} column: the file name. */
    String script() {
      return path.substring(path.lastIndexOf('/') + 1);
    }

    String folder() {
      int slash = path.lastIndexOf('/');
      return slash < 0 ? "" : path.substring(0, slash);
    }
  }

  /** The indexed scripts under {@code locations}, without touching the scripts themselves. */
  static List<Indexed> entries(ClassLoader loader, String... locations) {
    List<String> asked = Arrays.asList(locations);
    return indexLines(loader).stream().filter(e -> asked.contains(e.folder())).toList();
  }

  /** The script paths the index lists (comments and blank lines skipped). */
  static List<String> index(ClassLoader loader) {
    return indexLines(loader).stream().map(Indexed::path).toList();
  }

  private static List<Indexed> indexLines(ClassLoader loader) {
    InputStream in = loader.getResourceAsStream(INDEX);
    if (in == null) {
      throw new IllegalStateException(INDEX + " is missing from the class path");
    }
    List<Indexed> entries = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        String entry = line.strip();
        if (!entry.isEmpty() && !entry.startsWith("#")) {
          entries.add(parse(entry));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + INDEX, e);
    }
    return entries;
  }

  private static Indexed parse(String line) {
    String[] fields = line.split("\\s+");
    if (fields.length != 2) {
      throw new IllegalStateException(
          INDEX + ": '" + line + "' is not a script location followed by its Flyway checksum");
    }
    try {
      return new Indexed(fields[0], Integer.parseInt(fields[1]));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          INDEX + ": the checksum of " + fields[0] + " is not a 32-bit integer: " + fields[1]);
    }
  }

  /** No Java migrations: with this and the scripts given, Flyway does not scan at all. */
  static ClassProvider<JavaMigration> noJavaMigrations() {
    return List::of;
  }

  @Override
  public LoadableResource getResource(String name) {
    return scripts.stream()
        .filter(s -> s.getRelativePath().equals(name) || s.getAbsolutePath().equals(name))
        .findFirst()
        .orElse(null);
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
    List<LoadableResource> matching = new ArrayList<>();
    for (Script s : scripts) {
      String name = s.getFilename();
      if (name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith)) {
        matching.add(s);
      }
    }
    return matching;
  }

  @Override
  public String toString() {
    return "MigrationScripts" + scripts.stream().map(Script::getAbsolutePath).toList();
  }

  /** One script, read from the class path when Flyway asks for its text. */
  private static final class Script extends LoadableResource {
    private final ClassLoader loader;
    private final String path;

    Script(ClassLoader loader, String path) {
      this.loader = loader;
      this.path = path;
    }

    @Override
    public Reader read() {
      InputStream in = loader.getResourceAsStream(path);
      if (in == null) {
        throw new IllegalStateException(path + " is no longer on the class path");
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** As Flyway's class-path scan names it: the path within the location, i.e. the file name. */
    @Override
    public String getRelativePath() {
      return getFilename();
    }

    @Override
    public String getAbsolutePath() {
      return path;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      URL url = loader.getResource(path);
      return url == null ? path : url.toString();
    }

    @Override
    public String getFilename() {
      return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Script other && other.path.equals(path);
    }

    @Override
    public int hashCode() {
      return Objects.hash(path);
    }
  }
}
