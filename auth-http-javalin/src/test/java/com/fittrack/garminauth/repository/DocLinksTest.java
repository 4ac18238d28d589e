package com.fittrack.garminauth.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation stands alone: every relative link in README.md and docs/**.md points at a file
 * or directory that exists inside this repository. Links to the web are not checked (no network in
 * a build); links into code blocks are not links.
 */
class DocLinksTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  // [text](target) and [text](target "title"); images too. Reference definitions: [id]: target
  private static final Pattern INLINE =
      Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern DEFINITION =
      Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

  @Test
  void everyRelativeLinkInTheDocsPointsAtAFileInTheRepository() throws IOException {
    List<String> broken = new ArrayList<>();
    List<Path> files = markdownFiles();
    assertThat(files).as("README.md and docs/*.md").hasSizeGreaterThan(3);
    for (Path file : files) {
      broken.addAll(brokenLinks(ROOT, file));
    }
    assertThat(broken).as("broken or out-of-repository links").isEmpty();
  }

  @Test
  void aLinkToAMissingFileIsReported(@TempDir Path repo) throws IOException {
    Files.createDirectories(repo.resolve("docs"));
    Files.writeString(repo.resolve("README.md"), "# readme\n");
    Files.writeString(repo.resolve("docs/architecture.md"), "# architecture\n");
    Path doc = repo.resolve("docs/page.md");
    Files.writeString(
        doc,
        "[ok](architecture.md) [ok too](../README.md#quick-start) [web](https://example.com)\n"
            + "[missing](no-such-file.md) `[not a link](in-code.md)`\n"
            + "```\n[also not](in-a-block.md)\n```\n"
            + "[outside](../../shared/DESIGN.md)\n[ref]: gone.md\n",
        StandardCharsets.UTF_8);

    assertThat(brokenLinks(repo, doc))
        .containsExactly(
            "docs/page.md:2: no-such-file.md",
            "docs/page.md:6: ../../shared/DESIGN.md",
            "docs/page.md:7: gone.md");
  }

  static List<Path> markdownFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    Path examples = ROOT.resolve("examples");
    if (Files.isDirectory(examples)) {
      try (Stream<Path> md = Files.walk(examples)) {
        md.filter(p -> p.toString().endsWith(".md") && !p.toString().contains("/target/"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  static List<String> brokenLinks(Path root, Path file) {
    List<String> broken = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean inFence = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      String text = INLINE_CODE.matcher(line).replaceAll("");
      List<String> targets = new ArrayList<>();
      Matcher inline = INLINE.matcher(text);
      while (inline.find()) {
        targets.add(inline.group(1));
      }
      Matcher definition = DEFINITION.matcher(text);
      if (definition.matches()) {
        targets.add(definition.group(1));
      }
      for (String target : targets) {
        if (!resolves(root, file, target)) {
          broken.add(root.relativize(file) + ":" + (i + 1) + ": " + target);
        }
      }
    }
    return broken;
  }

  private static boolean resolves(Path root, Path file, String target) {
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("#")) {
      return true; // https:, mailto:, an anchor in the same page
    }
    String path = target.replaceFirst("[#?].*$", "");
    Path resolved = file.getParent().resolve(path).normalize();
    return resolved.startsWith(root) && Files.exists(resolved);
  }
}
