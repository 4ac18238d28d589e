package com.fittrack.garminauth.testkit.fakegarmin;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentMap;

/** Faults queued per endpoint (each used once) and sticky ones (until cleared). Thread-safe. */
final class FaultPlan {
  private final ConcurrentMap<FakeEndpoint, ConcurrentLinkedDeque<Fault>> queued =
      new ConcurrentHashMap<>();
  private final Map<FakeEndpoint, Fault> sticky = new ConcurrentHashMap<>();

  void next(FakeEndpoint endpoint, Fault fault, int times) {
    ConcurrentLinkedDeque<Fault> q =
        queued.computeIfAbsent(endpoint, e -> new ConcurrentLinkedDeque<>());
    for (int i = 0; i < times; i++) {
      q.add(fault);
    }
  }

  void always(FakeEndpoint endpoint, Fault fault) {
    sticky.put(endpoint, fault);
  }

  /** The fault for this request, taking a queued one first. */
  Optional<Fault> take(FakeEndpoint endpoint) {
    ConcurrentLinkedDeque<Fault> q = queued.get(endpoint);
    Fault f = q == null ? null : q.poll();
    return f != null ? Optional.of(f) : Optional.ofNullable(sticky.get(endpoint));
  }

  void clear() {
    queued.clear();
    sticky.clear();
  }
}
