package com.fittrack.garminauth.garmin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Defensive reading of Garmin's answers. */
class JsonFieldsTest {

  private static HttpReply reply(String contentType, String body) {
    return new HttpReply(200, contentType, body, Optional.empty());
  }

  @Test
  void ignoresUnknownFieldsAndReadsKnownOnes() {
    JsonNode n =
        JsonFields.object(
            reply("application/json", "{\"a\":\"x\",\"n\":5,\"q\":\"12\",\"extra\":[1]}"), "step");

    assertThat(JsonFields.text(n, "a", "step")).isEqualTo("x");
    assertThat(JsonFields.number(n, "n", "step")).isEqualTo(5);
    assertThat(JsonFields.number(n, "q", "step")).isEqualTo(12);
    assertThat(JsonFields.optionalText(n, "missing", "step")).isEmpty();
  }

  @Test
  void missingAndWronglyTypedFieldsSayWhatWasExpectedWithoutTheValue() {
    JsonNode n =
        JsonFields.object(
            reply("application/json", "{\"token\":42,\"exp\":\"soon-secret\"}"), "DI refresh");

    GarminProtocolException missing =
        catchThrowableOfType(
            GarminProtocolException.class, () -> JsonFields.text(n, "access_token", "DI refresh"));
    GarminProtocolException wrongType =
        catchThrowableOfType(
            GarminProtocolException.class, () -> JsonFields.text(n, "token", "DI refresh"));
    GarminProtocolException notNumber =
        catchThrowableOfType(
            GarminProtocolException.class, () -> JsonFields.number(n, "exp", "DI refresh"));

    assertThat(missing.getMessage())
        .isEqualTo(
            "DI refresh: expected field 'access_token' to be a non-empty string, but it was missing");
    assertThat(wrongType.getMessage())
        .contains("'token'", "a string", "number")
        .doesNotContain("42");
    assertThat(notNumber.getMessage())
        .contains("'exp'", "whole number")
        .doesNotContain("soon-secret");
  }

  @Test
  void recognisesHtmlWhereJsonWasExpected() {
    GarminProtocolException byType =
        catchThrowableOfType(
            GarminProtocolException.class,
            () -> JsonFields.object(reply("text/html", "{}"), "login"));
    GarminProtocolException bySniffing =
        catchThrowableOfType(
            GarminProtocolException.class,
            () ->
                JsonFields.object(
                    reply("application/json", "  <!DOCTYPE html><title>x</title>"), "login"));

    assertThat(byType.getMessage()).contains("HTML");
    assertThat(bySniffing.getMessage()).contains("HTML");
  }

  @Test
  void malformedJsonIsAProtocolErrorThatQuotesNothing() {
    GarminProtocolException e =
        catchThrowableOfType(
            GarminProtocolException.class,
            () ->
                JsonFields.object(
                    reply("application/json", "{\"access_token\":\"secret-abc"), "exchange"));

    assertThat(e.getMessage()).isEqualTo("exchange answered malformed or truncated JSON");
  }

  @Test
  void blocksAreRecognisedByTheirRealMarkersNotByTheWordCloudflare() {
    String challenge = "<title>Just a moment...</title><div id=\"cf-browser-verification\"></div>";
    String garminsOwnPage =
        "<title>GARMIN Authentication Application</title>"
            + "<script>var isCloudflareHeaderNeedsConsent = false;</script>";

    assertThat(reply(403, "text/html", challenge).isBlock()).isTrue();
    assertThat(reply(429, "text/html", "<p>window._cf_chl_opt={}; __cf_chl_rt_tk</p>").isBlock())
        .isTrue();
    assertThat(reply(403, "text/plain; charset=UTF-8", "error code: 1020").isBlock()).isTrue();
    assertThat(reply(403, "text/plain; charset=UTF-8", "error code: 1020").isFirewallRefusal())
        .isTrue();
    assertThat(reply(401, "text/html", garminsOwnPage).isBlock()).isFalse();
    assertThat(reply(403, "text/html", garminsOwnPage).isBlock()).isFalse();
    assertThat(reply(200, "text/html", challenge).isBlock()).isFalse();
    assertThat(reply(403, "application/json", "{\"cloudflare\":1}").isBlock()).isFalse();
  }

  private static HttpReply reply(int code, String type, String body) {
    return new HttpReply(code, type, body, Optional.empty());
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);

    assertThat(RetryAfter.parse("30", clock)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Thu, 26 Nov 2026 08:01:00 GMT", clock))
        .contains(Duration.ofMinutes(1));
    assertThat(RetryAfter.parse("Thu, 26 Nov 2026 07:00:00 GMT", clock)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", clock)).isEmpty();
    assertThat(RetryAfter.parse("-5", clock)).isEmpty();
    assertThat(RetryAfter.parse(null, clock)).isEmpty();
  }
}
