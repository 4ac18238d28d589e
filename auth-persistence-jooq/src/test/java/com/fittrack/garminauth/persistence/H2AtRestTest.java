package com.fittrack.garminauth.persistence;

/** Encryption at rest and failure typing on H2. */
class H2AtRestTest extends AtRestContract {
  @Override
  DatabaseSettings freshDatabase() {
    return DatabaseSettings.h2InMemory();
  }
}
