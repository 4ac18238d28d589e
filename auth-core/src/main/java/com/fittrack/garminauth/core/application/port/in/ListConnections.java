package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.ConnectionStatus;
import java.util.List;
import java.util.Optional;

/**
 * Pages through connections by user id, e.g. everyone who must reconnect:
 *
 * <pre>{@code
 * ConnectionPage page = listing.list(Optional.of(ConnectionStatus.REAUTH_REQUIRED), Optional.empty(), 100);
 * while (page.nextCursor().isPresent()) { page = listing.list(status, page.nextCursor(), 100); }
 * }</pre>
 */
public interface ListConnections {
  int MAX_LIMIT = 500;

  /**
   * One page. {@code cursor} is a {@link ConnectionPage#nextCursor()} from an earlier page of the
   * same listing; {@code limit} is 1 to {@value #MAX_LIMIT}. Malformed input is a {@code
   * validation_failed}.
   */
  ConnectionPage list(Optional<ConnectionStatus> status, Optional<String> cursor, int limit);

  /** A page of summaries; {@code nextCursor} is empty on the last page. */
  record ConnectionPage(List<ConnectionSummary> items, Optional<String> nextCursor) {
    public ConnectionPage {
      items = List.copyOf(items);
    }
  }
}
