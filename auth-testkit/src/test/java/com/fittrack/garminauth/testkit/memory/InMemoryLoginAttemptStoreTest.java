package com.fittrack.garminauth.testkit.memory;

import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import com.fittrack.garminauth.testkit.contract.LoginAttemptStoreContract;

class InMemoryLoginAttemptStoreTest extends LoginAttemptStoreContract {
  @Override
  protected LoginAttemptStore newStore() {
    return new InMemoryLoginAttemptStore();
  }
}
