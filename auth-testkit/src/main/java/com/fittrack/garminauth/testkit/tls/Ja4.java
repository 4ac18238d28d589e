package com.fittrack.garminauth.testkit.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * JA4 of a TLS ClientHello over TCP, per FoxIO's specification (github.com/FoxIO-LLC/ja4,
 * technical_details/JA4.md): {@code t13d1513h2_<ciphers>_<extensions>}.
 *
 * <pre>{@code
 * String ja4 = Ja4.of(ClientHello.parse(firstRecord));
 * }</pre>
 */
public final class Ja4 {
  private Ja4() {}

  public static String of(ClientHello hello) {
    return a(hello) + "_" + b(hello) + "_" + c(hello);
  }

  /** The readable part: protocol, version, SNI, counts, ALPN. */
  static String a(ClientHello hello) {
    List<Integer> ciphers = withoutGrease(hello.ciphers());
    List<Integer> extensions = withoutGrease(hello.extensions());
    return "t"
        + version(hello)
        + (hello.extensions().contains(0x0000) ? "d" : "i")
        + count(ciphers.size())
        + count(extensions.size())
        + alpn(hello);
  }

  /** The cipher hash: sorted cipher codes. */
  static String b(ClientHello hello) {
    List<Integer> ciphers = withoutGrease(hello.ciphers());
    return ciphers.isEmpty() ? "000000000000" : hash12(hexSorted(ciphers));
  }

  /** The extension hash: sorted extension codes less SNI and ALPN, then signature algorithms. */
  static String c(ClientHello hello) {
    List<Integer> extensions =
        withoutGrease(hello.extensions()).stream().filter(e -> e != 0x0000 && e != 0x0010).toList();
    if (extensions.isEmpty()) {
      return "000000000000";
    }
    String text = hexSorted(extensions);
    List<Integer> sigAlgs = withoutGrease(hello.signatureAlgorithms());
    if (!sigAlgs.isEmpty()) {
      text += "_" + sigAlgs.stream().map(Ja4::hex4).collect(Collectors.joining(","));
    }
    return hash12(text);
  }

  private static String version(ClientHello hello) {
    int v =
        withoutGrease(hello.supportedVersions()).stream()
            .max(Integer::compare)
            .orElse(hello.legacyVersion());
    return switch (v) {
      case 0x0304 -> "13";
      case 0x0303 -> "12";
      case 0x0302 -> "11";
      case 0x0301 -> "10";
      case 0x0300 -> "s3";
      case 0x0002 -> "s2";
      case 0xfeff -> "d1";
      case 0xfefd -> "d2";
      case 0xfefc -> "d3";
      default -> "00";
    };
  }

  static String alpn(ClientHello hello) {
    if (hello.alpn().isEmpty() || hello.alpn().get(0).length == 0) {
      return "00";
    }
    byte[] first = hello.alpn().get(0);
    byte head = first[0];
    byte tail = first[first.length - 1];
    if (alphanumeric(head) && alphanumeric(tail)) {
      return "" + (char) head + (char) tail;
    }
    String hex = HexFormat.of().formatHex(first);
    return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
  }

  private static boolean alphanumeric(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
  }

  private static String count(int n) {
    return String.format(Locale.ROOT, "%02d", Math.min(n, 99));
  }

  private static List<Integer> withoutGrease(List<Integer> values) {
    return values.stream().filter(v -> !ClientHello.isGrease(v)).toList();
  }

  private static String hexSorted(List<Integer> values) {
    return values.stream().sorted().map(Ja4::hex4).collect(Collectors.joining(","));
  }

  private static String hex4(int v) {
    return String.format(Locale.ROOT, "%04x", v);
  }

  /** The first 12 lower-case hex characters of the SHA-256 of {@code text}. */
  static String hash12(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
