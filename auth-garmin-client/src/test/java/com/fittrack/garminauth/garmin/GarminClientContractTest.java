package com.fittrack.garminauth.garmin;

import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.testkit.contract.GarminAuthenticatorContract;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.time.Clock;

/** The real client against FakeGarmin, through every path of the authenticator contract. */
class GarminClientContractTest extends GarminAuthenticatorContract {

  @Override
  protected GarminAuthenticator newAuthenticator(FakeGarmin fake, Clock clock) {
    return TestClients.builderFor(fake).clock(clock).build();
  }
}
