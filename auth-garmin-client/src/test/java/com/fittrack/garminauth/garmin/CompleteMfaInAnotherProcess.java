package com.fittrack.garminauth.garmin;

import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The other process of {@link MfaAcrossProcessesTest}: a fresh JVM with a fresh client finishes an
 * MFA sign-in from nothing but the serialized state. Arguments: fake base URL, state file, method,
 * code. Prints {@code SIGNED_IN <family> <display name>}.
 */
public final class CompleteMfaInAnotherProcess {
  private CompleteMfaInAnotherProcess() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    Secret state = Secret.of(Files.readString(Path.of(args[1])));
    GarminClient client =
        GarminClient.builder()
            .endpoints(GarminEndpoints.custom(base, base, base))
            .allowCustomEndpoints(true)
            .oauthConsumer(FakeGarmin.CONSUMER_KEY, Secret.of(FakeGarmin.CONSUMER_SECRET))
            .build();
    SignInOutcome.SignedIn done = client.completeMfa(MfaMethod.of(args[2]), state, args[3]);
    System.out.println(
        "SIGNED_IN "
            + done.credentials().type()
            + " "
            + done.identity().map(GarminIdentity::displayName).orElse("?"));
    System.exit(0);
  }
}
