package com.fittrack.garminauth.server.webhook;

import com.fittrack.garminauth.persistence.DatabaseSettings;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A webhook delivery worker in its own JVM, for {@link WebhookKilledMidDeliveryTest}: delivers
 * until it is killed. Arguments: jdbc url, user, password, key spec, receiver url, secret.
 */
public final class WebhookWorkerProcess {
  private WebhookWorkerProcess() {}

  public static void main(String[] args) throws InterruptedException {
    GarminAuthDatabase db =
        GarminAuthDatabase.open(
            DatabaseSettings.postgres(args[0], args[1], args[2]),
            KeyRing.parse(args[3]),
            WebhookDeliveryTest.CLOCK);
    WebhookEndpoint endpoint =
        new WebhookEndpoint("fittrack", URI.create(args[4]), WebhookSecret.parse(args[5]));
    WebhookDispatcher dispatcher =
        new WebhookDispatcher(
            db.webhookDeliveries(),
            WebhookKilledMidDeliveryTest.settings(List.of(endpoint)),
            WebhookDeliveryTest.BODY,
            WebhookDeliveryTest.CLOCK,
            new SimpleMeterRegistry());
    dispatcher.start();
    System.out.println("started");
    System.out.flush();
    Thread.sleep(Duration.ofMinutes(5).toMillis()); // until killed
  }
}
