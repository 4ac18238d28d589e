package com.fittrack.garminauth.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that may not grow past {@code limit} bytes: once it does, reading fails with a 413
 * problem, which ends the upload to Garmin and answers the caller. Chunked bodies have no length to
 * check up front; this is where they are stopped.
 */
final class CappedInputStream extends FilterInputStream {
  private final int limit;
  private long read;

  CappedInputStream(InputStream in, int limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(int n) {
    read += n;
    if (read > limit) {
      throw HttpProblem.payloadTooLarge(limit);
    }
  }
}
