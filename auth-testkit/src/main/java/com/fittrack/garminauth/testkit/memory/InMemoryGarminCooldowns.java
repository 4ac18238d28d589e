package com.fittrack.garminauth.testkit.memory;

import com.fittrack.garminauth.core.application.InProcessGarminCooldowns;

/**
 * A {@code GarminCooldowns} store in memory: the core's in-process default, under the testkit's
 * name, for tests and single-process embeddings. It passes the same contract as the database one.
 */
public final class InMemoryGarminCooldowns extends InProcessGarminCooldowns {
  public InMemoryGarminCooldowns() {}
}
