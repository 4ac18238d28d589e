package com.fittrack.garminauth.core.domain.connectapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.domain.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectApiPathTest {

  @Test
  void acceptsConnectApiPathsAndKeepsTheRawQuery() {
    ConnectApiPath p =
        ConnectApiPath.of(
            "/activitylist-service/activities/search/activities", "limit=20&start=0&q=a%20b");
    assertThat(p.pathAndQuery())
        .isEqualTo("/activitylist-service/activities/search/activities?limit=20&start=0&q=a%20b");
    assertThat(ConnectApiPath.of("download-service/files/activity/123", null).pathAndQuery())
        .isEqualTo("/download-service/files/activity/123");
    assertThat(
            ConnectApiPath.of("wellness-service/wellness/dailySummaryChart/J%C3%B6rg", "").query())
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/",
        "//evil.example.com/x",
        "activity-service/../oauth-service/oauth/preauthorized",
        "activity-service/./x",
        "activity-service/%2e%2e/x",
        "activity-service/%2E/x",
        "activity-service%2F..%2Foauth-service",
        "activity-service/a%2fb",
        "activity-service/a%5cb",
        "activity-service/a\\b",
        "activity-service/a%00b",
        "activity-service/a%0d%0aX-Injected:1",
        "activity-service/a%25 2e",
        "activity-service/a%zz",
        "activity-service/a%2",
        "activity-service//x",
        "activity-service/x/",
        "https://evil.example.com/x",
        "http:/evil",
        "user@evil.example.com/x",
        "activity-service/a b",
        "activity-service/a?b",
        "activity-service/a#b",
        "oauth-service/oauth/preauthorized",
        "OAuth-Service/oauth/exchange/user/2.0",
        "di-oauth2-service/oauth/token",
        "di%2Doauth2-service/oauth/token",
        "sso/signin",
        "mobile/api/login",
        "portal/api/login"
      })
  void refusesWhatCouldLeaveTheApiOrReachTheAuthServices(String path) {
    assertThatThrownBy(() -> ConnectApiPath.of(path, null))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("path"));
  }

  @Test
  void refusesQueriesWithControlCharactersOrBadEscapes() {
    for (String q : List.of("a=%zz", "a=b c", "a=b\r\nX: y", "a=#frag")) {
      assertThatThrownBy(() -> ConnectApiPath.of("activity-service/x", q))
          .isInstanceOf(ValidationException.class);
    }
    assertThatThrownBy(() -> ConnectApiPath.of("a/" + "x".repeat(3000), null))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void requestKeepsOnlyForwardableHeadersAndRefusesBodiesOnReads() {
    ConnectApiRequest r =
        ConnectApiRequest.of(
            "GET",
            ConnectApiPath.of("activity-service/x", null),
            List.of(
                Map.entry("Authorization", "Bearer our-api-key"),
                Map.entry("Cookie", "SESSION=1"),
                Map.entry("Connection", "close"),
                Map.entry("X-Forwarded-For", "10.0.0.1"),
                Map.entry("Host", "evil.example.com"),
                Map.entry("Accept", "application/json"),
                Map.entry("Content-Type", "text/plain")),
            Optional.empty());
    assertThat(r.headers()).containsExactly(Map.entry("Accept", "application/json"));
    assertThat(r.replayable()).isTrue();
    assertThat(r.readOnly()).isTrue();

    ConnectApiBody body = new ConnectApiBody.Buffered(new byte[] {1}, Optional.empty());
    assertThatThrownBy(
            () ->
                ConnectApiRequest.of(
                    "GET", ConnectApiPath.of("a/b", null), List.of(), Optional.of(body)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                ConnectApiRequest.of(
                    "PATCH", ConnectApiPath.of("a/b", null), List.of(), Optional.empty()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                ConnectApiRequest.of(
                    "GET",
                    ConnectApiPath.of("a/b", null),
                    List.of(Map.entry("Accept", "a\r\nX-Evil: 1")),
                    Optional.empty()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void streamedBodiesAreNotReplayable() {
    ConnectApiBody streamed =
        new ConnectApiBody.Streamed(
            new java.io.ByteArrayInputStream(new byte[3]), 3, Optional.of("application/zip"));
    ConnectApiRequest r =
        ConnectApiRequest.of(
            "POST",
            ConnectApiPath.of("upload-service/upload", null),
            List.of(),
            Optional.of(streamed));
    assertThat(r.replayable()).isFalse();
    assertThat(r.readOnly()).isFalse();
    assertThat(new ConnectApiBody.Buffered(new byte[3], Optional.empty()).contentLength())
        .isEqualTo(3);
    assertThatThrownBy(
            () ->
                new ConnectApiBody.Streamed(
                    new java.io.ByteArrayInputStream(new byte[0]), -2, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
