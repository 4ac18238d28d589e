package com.fittrack.garminauth.garmin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What each TLS choice does where Conscrypt's native library does not load (aarch64, a noexec temp
 * directory): the availability is passed in, since on this machine it loads.
 */
class TlsFallbackTest {
  private static final String WHY = "its native library does not load on linux-aarch64";
  private final Logger logger = (Logger) LoggerFactory.getLogger(GarminHttpClients.class);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void capture() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logs);
  }

  @Test
  void autoFallsBackToTheJdkWithOneWarningThatSaysWhatItMeans() {
    AtomicBoolean warned = new AtomicBoolean();

    GarminTls first = GarminHttpClients.resolve(GarminTls.AUTO, false, WHY, warned);
    GarminTls second = GarminHttpClients.resolve(GarminTls.AUTO, false, WHY, warned);

    assertThat(first).isEqualTo(GarminTls.JDK);
    assertThat(second).isEqualTo(GarminTls.JDK);
    assertThat(logs.list).hasSize(1);
    ILoggingEvent warning = logs.list.get(0);
    assertThat(warning.getLevel()).isEqualTo(Level.WARN);
    assertThat(warning.getFormattedMessage())
        .contains(WHY)
        .contains("does not look like the Garmin Connect app's")
        .doesNotContain("\n");
  }

  @Test
  void conscryptRefusesWithOneClearLine() {
    assertThatThrownBy(
            () -> GarminHttpClients.resolve(GarminTls.CONSCRYPT, false, WHY, new AtomicBoolean()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "TLS identity 'conscrypt' was asked for, but Conscrypt is not available: " + WHY);
  }

  @Test
  void whereConscryptLoadsAutoAndConscryptUseItQuietlyAndJdkNeverDoes() {
    AtomicBoolean warned = new AtomicBoolean();

    assertThat(GarminHttpClients.resolve(GarminTls.AUTO, true, "", warned))
        .isEqualTo(GarminTls.CONSCRYPT);
    assertThat(GarminHttpClients.resolve(GarminTls.CONSCRYPT, true, "", warned))
        .isEqualTo(GarminTls.CONSCRYPT);
    assertThat(GarminHttpClients.resolve(GarminTls.JDK, true, "", warned)).isEqualTo(GarminTls.JDK);
    assertThat(logs.list).isEmpty();
  }
}
