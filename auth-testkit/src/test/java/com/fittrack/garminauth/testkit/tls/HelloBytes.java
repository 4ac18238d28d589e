package com.fittrack.garminauth.testkit.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes ClientHello records by hand, field by field, for parser tests. */
final class HelloBytes {
  private final List<Integer> ciphers = new ArrayList<>();
  private final ByteArrayOutputStream extensions = new ByteArrayOutputStream();

  HelloBytes ciphers(int... codes) {
    for (int c : codes) {
      ciphers.add(c);
    }
    return this;
  }

  HelloBytes extension(int type, byte[] body) {
    u16(extensions, type);
    u16(extensions, body.length);
    extensions.writeBytes(body);
    return this;
  }

  HelloBytes empty(int... types) {
    for (int t : types) {
      extension(t, new byte[0]);
    }
    return this;
  }

  HelloBytes sni(String host) {
    byte[] name = host.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    list.write(0);
    u16(list, name.length);
    list.writeBytes(name);
    return extension(0x0000, prefixed16(list.toByteArray()));
  }

  HelloBytes alpn(byte[]... names) {
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    for (byte[] n : names) {
      list.write(n.length);
      list.writeBytes(n);
    }
    return extension(0x0010, prefixed16(list.toByteArray()));
  }

  HelloBytes signatureAlgorithms(int... algs) {
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    for (int a : algs) {
      u16(list, a);
    }
    return extension(0x000d, prefixed16(list.toByteArray()));
  }

  HelloBytes supportedVersions(int... versions) {
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    list.write(versions.length * 2);
    for (int v : versions) {
      u16(list, v);
    }
    return extension(0x002b, list.toByteArray());
  }

  byte[] record() {
    ByteArrayOutputStream hello = new ByteArrayOutputStream();
    u16(hello, 0x0303);
    hello.writeBytes(new byte[32]); // random
    hello.write(0); // no session id
    u16(hello, ciphers.size() * 2);
    ciphers.forEach(c -> u16(hello, c));
    hello.write(1);
    hello.write(0); // null compression
    byte[] ext = extensions.toByteArray();
    u16(hello, ext.length);
    hello.writeBytes(ext);
    byte[] body = hello.toByteArray();
    ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    handshake.write(1);
    handshake.write(body.length >> 16);
    u16(handshake, body.length & 0xffff);
    handshake.writeBytes(body);
    byte[] hs = handshake.toByteArray();
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.write(22);
    u16(record, 0x0301);
    u16(record, hs.length);
    record.writeBytes(hs);
    return record.toByteArray();
  }

  private static byte[] prefixed16(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, body.length);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write(v >> 8);
    out.write(v & 0xff);
  }
}
