package com.fittrack.garminauth.testkit.tls;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of a TLS ClientHello that fingerprints read, parsed from the first TLS record a client
 * sends (a handshake record holding the whole ClientHello, as every client here sends it).
 *
 * @param legacyVersion the ClientHello's protocol version field (0x0303 for TLS 1.2 and 1.3)
 * @param ciphers cipher suites in the order sent, GREASE included
 * @param extensions extension types in the order sent, GREASE included
 * @param supportedVersions the supported_versions extension's list, if any
 * @param signatureAlgorithms the signature_algorithms extension's list, in order
 * @param alpn the ALPN extension's protocol names (raw bytes), in order
 * @param serverName the SNI host name, if any
 */
public record ClientHello(
    int legacyVersion,
    List<Integer> ciphers,
    List<Integer> extensions,
    List<Integer> supportedVersions,
    List<Integer> signatureAlgorithms,
    List<byte[]> alpn,
    Optional<String> serverName) {

  private static final int HANDSHAKE = 22;
  private static final int CLIENT_HELLO = 1;

  /** Parses one TLS record; throws {@link IllegalArgumentException} for anything else. */
  public static ClientHello parse(byte[] record) {
    try {
      return read(ByteBuffer.wrap(record));
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated ClientHello", e);
    }
  }

  private static ClientHello read(ByteBuffer in) {
    require(u8(in) == HANDSHAKE, "not a TLS handshake record");
    u16(in); // record version: ignored by JA4
    ByteBuffer record = slice(in, u16(in));
    require(u8(record) == CLIENT_HELLO, "not a ClientHello");
    ByteBuffer hello = slice(record, u24(record));
    int legacyVersion = u16(hello);
    skip(hello, 32); // random
    skip(hello, u8(hello)); // session id
    ByteBuffer cipherBytes = slice(hello, u16(hello));
    List<Integer> ciphers = new ArrayList<>();
    while (cipherBytes.hasRemaining()) {
      ciphers.add(u16(cipherBytes));
    }
    skip(hello, u8(hello)); // compression methods
    List<Integer> extensions = new ArrayList<>();
    List<Integer> versions = new ArrayList<>();
    List<Integer> sigAlgs = new ArrayList<>();
    List<byte[]> alpn = new ArrayList<>();
    Optional<String> sni = Optional.empty();
    if (hello.hasRemaining()) {
      ByteBuffer all = slice(hello, u16(hello));
      while (all.hasRemaining()) {
        int type = u16(all);
        ByteBuffer body = slice(all, u16(all));
        extensions.add(type);
        switch (type) {
          case 0x0000 -> sni = serverName(body);
          case 0x000d -> {
            ByteBuffer list = slice(body, u16(body));
            while (list.hasRemaining()) {
              sigAlgs.add(u16(list));
            }
          }
          case 0x0010 -> {
            ByteBuffer list = slice(body, u16(body));
            while (list.hasRemaining()) {
              byte[] name = new byte[u8(list)];
              list.get(name);
              alpn.add(name);
            }
          }
          case 0x002b -> {
            ByteBuffer list = slice(body, u8(body));
            while (list.hasRemaining()) {
              versions.add(u16(list));
            }
          }
          default -> {}
        }
      }
    }
    return new ClientHello(
        legacyVersion,
        List.copyOf(ciphers),
        List.copyOf(extensions),
        List.copyOf(versions),
        List.copyOf(sigAlgs),
        List.copyOf(alpn),
        sni);
  }

  private static Optional<String> serverName(ByteBuffer body) {
    ByteBuffer list = slice(body, u16(body));
    while (list.hasRemaining()) {
      int type = u8(list);
      byte[] name = new byte[u16(list)];
      list.get(name);
      if (type == 0) {
        return Optional.of(new String(name, StandardCharsets.US_ASCII));
      }
    }
    return Optional.empty();
  }

  /** GREASE values (RFC 8701): 0x0a0a, 0x1a1a, ... 0xfafa. */
  public static boolean isGrease(int value) {
    return (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);
  }

  private static ByteBuffer slice(ByteBuffer in, int length) {
    if (length > in.remaining()) {
      throw new IllegalArgumentException("a length field runs past its enclosing structure");
    }
    ByteBuffer part = in.slice();
    part.limit(length);
    skip(in, length);
    return part;
  }

  private static void skip(ByteBuffer in, int n) {
    if (n > in.remaining()) {
      throw new IllegalArgumentException("truncated ClientHello");
    }
    in.position(in.position() + n);
  }

  private static int u8(ByteBuffer in) {
    return in.get() & 0xff;
  }

  private static int u16(ByteBuffer in) {
    return in.getShort() & 0xffff;
  }

  private static int u24(ByteBuffer in) {
    return (u8(in) << 16) | u16(in);
  }

  private static void require(boolean ok, String why) {
    if (!ok) {
      throw new IllegalArgumentException(why);
    }
  }
}
