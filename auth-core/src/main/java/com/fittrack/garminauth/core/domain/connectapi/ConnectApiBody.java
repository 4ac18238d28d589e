package com.fittrack.garminauth.core.domain.connectapi;

import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * A request body for the Connect API: held in memory (small, so it can be sent again after a token
 * refresh) or streamed from its source once (large uploads, never held).
 */
public sealed interface ConnectApiBody {

  /** The media type, e.g. {@code multipart/form-data; boundary=...}. */
  Optional<String> contentType();

  /** The length in bytes, or -1 when unknown (chunked). */
  long contentLength();

  /** Whether it can be sent twice. */
  boolean replayable();

  /** A body read completely (it is small enough to keep); replayable. */
  record Buffered(byte[] bytes, Optional<String> contentType) implements ConnectApiBody {
    public Buffered {
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(contentType, "contentType");
    }

    @Override
    public long contentLength() {
      return bytes.length;
    }

    @Override
    public boolean replayable() {
      return true;
    }
  }

  /** A body read from {@code source} while it is sent; it can be sent once. */
  record Streamed(InputStream source, long contentLength, Optional<String> contentType)
      implements ConnectApiBody {
    public Streamed {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(contentType, "contentType");
      if (contentLength < -1) {
        throw new IllegalArgumentException("contentLength must be -1 (unknown) or more");
      }
    }

    @Override
    public boolean replayable() {
      return false;
    }
  }
}
