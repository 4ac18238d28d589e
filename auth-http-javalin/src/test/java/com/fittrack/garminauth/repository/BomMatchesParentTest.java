package com.fittrack.garminauth.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (so that importing it brings no test library, ADR 0018), which means it
 * repeats the parent's versions. This keeps the two equal.
 */
class BomMatchesParentTest {
  private static final Path ROOT = DocLinksTest.ROOT;

  @Test
  void theBomManagesEveryModuleAndRuntimeLibraryAtTheParentsVersions() throws Exception {
    Pom parent = Pom.read(ROOT.resolve("pom.xml"));
    Pom bom = Pom.read(ROOT.resolve("garmin-auth-bom/pom.xml"));

    assertThat(bom.version).isEqualTo(parent.version);
    assertThat(bom.managed).isNotEmpty();
    bom.managed.forEach(
        (key, version) ->
            assertThat(parent.managed.get(key))
                .as("parent's version of " + key)
                .isEqualTo(version));
    parent.managed.keySet().stream()
        .filter(key -> key.startsWith("com.fittrack.garminauth:"))
        .forEach(module -> assertThat(bom.managed).as("the BOM").containsKey(module));
  }

  @Test
  void theBomPinsNoTestLibrary() throws Exception {
    Pom bom = Pom.read(ROOT.resolve("garmin-auth-bom/pom.xml"));

    assertThat(bom.managed.keySet())
        .noneMatch(
            key ->
                key.startsWith("org.junit")
                    || key.startsWith("org.assertj:")
                    || key.startsWith("org.mockito:")
                    || key.startsWith("com.tngtech.archunit:")
                    || key.startsWith("org.awaitility:")
                    || key.startsWith("org.openjdk.jmh:"));
    assertThat(bom.parent).as("a parent would import its test libraries along").isFalse();
  }

  /** groupId:artifactId(:type) -> resolved version, of a POM's dependencyManagement. */
  private record Pom(String version, boolean parent, Map<String, String> managed) {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    static Pom read(Path file) throws Exception {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
      Element project = doc.getDocumentElement();
      Map<String, String> properties = new LinkedHashMap<>();
      Element props = child(project, "properties");
      if (props != null) {
        NodeList all = props.getChildNodes();
        for (int i = 0; i < all.getLength(); i++) {
          if (all.item(i) instanceof Element e) {
            properties.put(e.getTagName(), e.getTextContent().trim());
          }
        }
      }
      String version = text(project, "version");
      properties.put("project.version", version);
      Map<String, String> managed = new LinkedHashMap<>();
      Element dependencies = child(child(project, "dependencyManagement"), "dependencies");
      NodeList deps = dependencies.getElementsByTagName("dependency");
      for (int i = 0; i < deps.getLength(); i++) {
        Element d = (Element) deps.item(i);
        String type = text(d, "type");
        String key =
            text(d, "groupId")
                + ":"
                + text(d, "artifactId")
                + (type == null || type.equals("jar") ? "" : ":" + type);
        managed.put(key, resolve(text(d, "version"), properties));
      }
      return new Pom(version, child(project, "parent") != null, managed);
    }

    private static String resolve(String value, Map<String, String> properties) {
      Matcher m = PROPERTY.matcher(value);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String v = properties.get(m.group(1));
        if (v == null) {
          throw new IllegalStateException("undefined property " + m.group(1));
        }
        m.appendReplacement(out, Matcher.quoteReplacement(v));
      }
      m.appendTail(out);
      return out.toString();
    }

    private static Element child(Element parent, String name) {
      if (parent == null) {
        return null;
      }
      for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getTagName().equals(name)) {
          return e;
        }
      }
      return null;
    }

    private static String text(Element parent, String name) {
      Element e = child(parent, name);
      return e == null ? null : e.getTextContent().trim();
    }
  }
}
