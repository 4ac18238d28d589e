package com.fittrack.garminauth.testkit.memory;

import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.testkit.contract.ConnectionRepositoryContract;

class InMemoryConnectionRepositoryTest extends ConnectionRepositoryContract {
  @Override
  protected ConnectionRepository newRepository() {
    return new InMemoryConnectionRepository();
  }
}
