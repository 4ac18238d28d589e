package com.fittrack.garminauth.core.application.port.out;

import com.fittrack.garminauth.core.domain.ConnectionEvent;
import java.time.Instant;
import java.util.List;

/**
 * The read side of the transactional outbox. The connection repository writes an event in the same
 * transaction as the change it reports; this port reads them in feed order. Positions grow in
 * commit order: once an event at position p is visible, no event below p appears later.
 */
public interface EventOutbox {

  /** Up to {@code limit} events with a position greater than {@code position}, in order. */
  List<ConnectionEvent> after(long position, int limit);

  /** The highest position handed out so far (0 before the first event). */
  long head();

  /** Deletes events that happened before {@code cutoff}; returns how many. */
  int deleteBefore(Instant cutoff);
}
