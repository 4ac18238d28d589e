package com.fittrack.garminauth.testkit.fakegarmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.Request;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension on an instance field: a fresh, running fake per test, injected as a parameter. */
@Tag("integration")
class FakeGarminExtensionTest {
  @RegisterExtension
  final FakeGarminExtension garmin =
      new FakeGarminExtension(
          () -> FakeGarmin.builder().account(FakeAccount.plain("x@example.com", "pw")));

  @Test
  void injectsARunningFake(FakeGarmin fake) throws IOException {
    Wire.Answer counters =
        new Wire(fake)
            .send(
                Wire.browser(),
                new Request.Builder().url(fake.baseUrl() + "/__fakegarmin/counters").build(),
                "");

    assertThat(fake).isSameAs(garmin.fake());
    assertThat(counters.code()).isEqualTo(200);
  }

  @Test
  void eachTestStartsFromZero(FakeGarmin fake) throws IOException {
    new Wire(fake).login(Wire.browser(), "x@example.com", "pw");

    assertThat(fake.counters().loginAttempts()).isEqualTo(1);
  }
}
