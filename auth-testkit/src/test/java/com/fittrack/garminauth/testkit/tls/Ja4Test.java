package com.fittrack.garminauth.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The JA4 parser against the published example of FoxIO's specification (github.com/FoxIO-LLC/ja4,
 * technical_details/JA4.md): its cipher list, extension list and signature algorithms, written into
 * ClientHello bytes here, must give the spec's fingerprint and intermediate hashes.
 */
class Ja4Test {
  private static final int GREASE = 0x3a3a;

  /** The spec's example: ciphers and extensions in the order it lists them as sent. */
  private static HelloBytes specExample() {
    HelloBytes b =
        new HelloBytes()
            .ciphers(GREASE, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9)
            .ciphers(0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035);
    b.empty(0x0a0a); // GREASE extension first, as Chrome sends it
    b.empty(0x001b).sni("example.com").empty(0x0033).alpn(ascii("h2"), ascii("http/1.1"));
    b.empty(0x4469, 0x0017, 0x002d);
    b.signatureAlgorithms(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601);
    b.empty(0x0005, 0x0023, 0x0012).supportedVersions(0x7a7a, 0x0304, 0x0303);
    b.empty(0xff01, 0x000b, 0x000a, 0x0015);
    return b;
  }

  @Test
  void givesTheSpecsPublishedFingerprintForItsExampleHello() {
    ClientHello hello = ClientHello.parse(specExample().record());

    assertThat(Ja4.of(hello)).isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
    assertThat(hello.serverName()).contains("example.com");
  }

  @Test
  void hashesThePublishedStringsToThePublishedValues() {
    assertThat(
            Ja4.hash12(
                "002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9"))
        .isEqualTo("8daaf6152771");
    String extensions = "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01";
    assertThat(Ja4.hash12(extensions + "_0403,0804,0401,0503,0805,0501,0806,0601"))
        .isEqualTo("e5627efa2ab1");
    assertThat(Ja4.hash12(extensions)).isEqualTo("6d807ffa2a79");
  }

  @Test
  void withoutSignatureAlgorithmsHashesTheExtensionsAlone() {
    HelloBytes b = new HelloBytes().ciphers(0x1301).sni("example.com");
    b.empty(0x001b, 0x0033, 0x4469, 0x0017, 0x002d, 0x0005, 0x0023, 0x0012);
    b.supportedVersions(0x0304);
    b.empty(0xff01, 0x000b, 0x000a, 0x0015).signatureAlgorithms();

    String ja4 = Ja4.of(ClientHello.parse(b.record()));

    assertThat(ja4).endsWith("_6d807ffa2a79");
  }

  @Test
  void withoutSniOrAlpnSaysIpAndDoubleZero() {
    byte[] record = new HelloBytes().ciphers(0x1301).supportedVersions(0x0304).record();

    assertThat(Ja4.of(ClientHello.parse(record))).startsWith("t13i0101" + "00_");
  }

  @Test
  void withoutSupportedVersionsUsesTheHelloVersion() {
    byte[] record = new HelloBytes().ciphers(0xc02f).empty(0x000a).record();

    assertThat(Ja4.a(ClientHello.parse(record))).isEqualTo("t12i010100");
  }

  @Test
  void nonAlphanumericAlpnIsPrintedFromItsHexAsTheSpecShows() {
    assertThat(alpn(0xab)).isEqualTo("ab");
    assertThat(alpn(0xab, 0xcd)).isEqualTo("ad");
    assertThat(alpn(0x30, 0xab)).isEqualTo("3b");
    assertThat(alpn(0x30, 0x31, 0xab, 0xcd)).isEqualTo("3d");
    assertThat(alpn(0x30, 0xab, 0xcd, 0x31)).isEqualTo("01");
    assertThat(Ja4.alpn(hello(ascii("http/1.1")))).isEqualTo("h1");
    assertThat(Ja4.alpn(hello(ascii("h")))).isEqualTo("hh");
  }

  @Test
  void rejectsWhatIsNotAClientHello() {
    byte[] record = specExample().record();
    assertThatThrownBy(() -> ClientHello.parse(Arrays.copyOf(record, record.length - 7)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientHello.parse("GET / HTTP/1.1\r\n".getBytes()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recognisesEveryGreaseValue() {
    for (int i = 0; i < 16; i++) {
      int v = (i << 12) | 0x0a00 | (i << 4) | 0x0a;
      assertThat(ClientHello.isGrease(v)).as("%04x", v).isTrue();
    }
    assertThat(ClientHello.isGrease(0x1301)).isFalse();
    assertThat(ClientHello.isGrease(0x0a1a)).isFalse();
  }

  private static String alpn(int... bytes) {
    byte[] name = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      name[i] = (byte) bytes[i];
    }
    return Ja4.alpn(hello(name));
  }

  private static ClientHello hello(byte[] alpn) {
    return ClientHello.parse(new HelloBytes().ciphers(0x1301).alpn(alpn).record());
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
