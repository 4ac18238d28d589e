package com.fittrack.garminauth.core.domain;

import com.fittrack.garminauth.core.application.SessionService;
import java.sql.Timestamp;
import org.assertj.core.api.Condition;

/**
 * Deliberately wrong: a "domain" class that reaches into JDBC, into a third-party library and up
 * into the application layer. Only {@code ArchitectureTest} loads it, to prove that the rules catch
 * both; it lives in the test tree, so the rules checked against the production classes never see
 * it.
 */
public final class ForbiddenDependenciesFixture {
  public Timestamp storedAt;
  public SessionService sessions;
  public Condition<String> thirdParty;
}
