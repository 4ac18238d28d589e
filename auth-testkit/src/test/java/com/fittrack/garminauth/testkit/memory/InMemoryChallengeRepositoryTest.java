package com.fittrack.garminauth.testkit.memory;

import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.testkit.contract.ChallengeRepositoryContract;

class InMemoryChallengeRepositoryTest extends ChallengeRepositoryContract {
  @Override
  protected ChallengeRepository newRepository() {
    return new InMemoryChallengeRepository();
  }
}
