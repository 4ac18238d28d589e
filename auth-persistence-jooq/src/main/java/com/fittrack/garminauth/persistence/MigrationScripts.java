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
    for (String path : index(loader)) {
      int slash = path.lastIndexOf('/');
      String folder = slash < 0 ? "" : path.substring(0, slash);
      if (Arrays.asList(locations).contains(folder)) {
        if (loader.getResource(path) == null) {
          throw new IllegalStateException(
              INDEX + " lists " + path + ", which is not on the class path");
        }
        found.add(new Script(loader, path));
      }
    }
    return new MigrationScripts(loader, List.copyOf(found));
  }

  /** The script paths the index lists (comments and blank lines skipped). */
  static List<String> index(ClassLoader loader) {
    InputStream in = loader.getResourceAsStream(INDEX);
    if (in == null) {
      throw new IllegalStateException(INDEX + " is missing from the class path");
    }
    List<String> paths = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        String path = line.strip();
        if (!path.isEmpty() && !path.startsWith("#")) {
          paths.add(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + INDEX, e);
    }
    return paths;
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
