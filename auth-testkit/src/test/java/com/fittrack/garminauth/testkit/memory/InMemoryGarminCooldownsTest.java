package com.fittrack.garminauth.testkit.memory;

import com.fittrack.garminauth.core.application.port.out.GarminCooldowns;
import com.fittrack.garminauth.testkit.contract.GarminCooldownsContract;

class InMemoryGarminCooldownsTest extends GarminCooldownsContract {
  @Override
  protected GarminCooldowns newStore() {
    return new InMemoryGarminCooldowns();
  }
}
