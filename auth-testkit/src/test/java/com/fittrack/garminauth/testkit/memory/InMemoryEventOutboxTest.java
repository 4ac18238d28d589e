package com.fittrack.garminauth.testkit.memory;

import com.fittrack.garminauth.testkit.TestClock;
import com.fittrack.garminauth.testkit.contract.EventOutboxContract;

class InMemoryEventOutboxTest extends EventOutboxContract {
  private final TestClock clock = new TestClock(T0);

  @Override
  protected Adapters newAdapters() {
    InMemoryEventOutbox outbox = new InMemoryEventOutbox(clock, FAILING_AFTER);
    InMemoryConnectionRepository repository = new InMemoryConnectionRepository(outbox);
    return new Adapters(repository, repository, outbox);
  }

  @Override
  protected TestClock clock() {
    return clock;
  }
}
