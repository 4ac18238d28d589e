package com.fittrack.garminauth.garmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarminExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An MFA sign-in started in this JVM is finished by a client in a separate JVM. */
@Tag("integration")
class MfaAcrossProcessesTest {
  @RegisterExtension static final FakeGarminExtension garmin = new FakeGarminExtension();

  @Test
  void aSeparateProcessFinishesTheSignInFromTheSerializedState(@TempDir Path dir)
      throws IOException, InterruptedException {
    GarminClient here = TestClients.builderFor(garmin.fake()).build();
    SignInOutcome.MfaRequired mfa =
        (SignInOutcome.MfaRequired)
            here.signIn(FakeGarmin.DEMO_MFA_EMAIL, Secret.of(FakeGarmin.DEMO_PASSWORD));
    Path state = Files.writeString(dir.resolve("state.json"), mfa.resumeState().reveal());

    Process other =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CompleteMfaInAnotherProcess.class.getName(),
                garmin.fake().baseUrl().toString(),
                state.toString(),
                mfa.method().value(),
                FakeGarmin.DEMO_MFA_CODE)
            .redirectErrorStream(true)
            .start();
    boolean exited = other.waitFor(60, TimeUnit.SECONDS);
    String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!exited) {
      other.destroyForcibly();
    }

    assertThat(exited).isTrue();
    assertThat(other.exitValue()).as(output).isZero();
    assertThat(output).contains("SIGNED_IN DI_OAUTH2 mfa");
    assertThat(garmin.fake().counters().mfaAttempts()).isEqualTo(1);
    assertThat(garmin.fake().counters().signIns()).isEqualTo(1);
  }
}
