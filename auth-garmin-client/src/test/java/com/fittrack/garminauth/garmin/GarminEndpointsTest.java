package com.fittrack.garminauth.garmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.ValidationException;
import com.fittrack.garminauth.garmin.signin.ResumeState;
import java.net.URI;
import java.util.List;
import java.util.Map;
import okhttp3.Cookie;
import org.junit.jupiter.api.Test;

/** Where credentials may go, and what a resume state must be, checked before any network call. */
class GarminEndpointsTest {

  @Test
  void buildsTheGarminHostsFromTheDomain() {
    GarminEndpoints cn = GarminEndpoints.forDomain("garmin.cn");

    assertThat(cn.sso()).isEqualTo(URI.create("https://sso.garmin.cn"));
    assertThat(cn.connectApi()).isEqualTo(URI.create("https://connectapi.garmin.cn"));
    assertThat(cn.diAuth()).isEqualTo(URI.create("https://diauth.garmin.cn"));
    assertThat(cn.mobileService()).isEqualTo("https://mobile.integration.garmin.cn/gcm/android");
    assertThat(cn.serviceTicketGrantType())
        .isEqualTo("https://connectapi.garmin.cn/di-oauth2-service/oauth/grant/service_ticket");
    assertThat(cn.isCustom()).isFalse();
  }

  @Test
  void knowsOnlyGarminsDomains() {
    assertThat(
            catchThrowableOfType(
                    ValidationException.class, () -> GarminEndpoints.forDomain("garmin.evil"))
                .field())
        .isEqualTo("domain");
  }

  @Test
  void customEndpointsMustBePlainHttpBaseUrls() {
    URI ok = URI.create("http://127.0.0.1:8080/");
    assertThat(GarminEndpoints.custom(ok, ok, ok).sso())
        .isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThatThrownBy(() -> GarminEndpoints.custom(URI.create("ftp://x"), ok, ok))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> GarminEndpoints.custom(URI.create("http://x/?a=b"), ok, ok))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aClientRefusesCustomEndpointsUnlessOptedIn() {
    URI elsewhere = URI.create("https://sso.example.org");
    GarminClient.Builder builder =
        GarminClient.builder().endpoints(GarminEndpoints.custom(elsewhere, elsewhere, elsewhere));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("allowCustomEndpoints");
    assertThat(builder.allowCustomEndpoints(true).build()).isNotNull();
  }

  @Test
  void aResumeStateForAnotherSsoHostIsRefusedBeforeAnyCall() {
    GarminClient client = GarminClient.builder().build();
    Secret foreign =
        new ResumeState("mobile-api", "https://sso.example.org", Map.of(), List.of()).encode();

    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () -> client.completeMfa(MfaMethod.EMAIL, foreign, "123456"));

    assertThat(e.field()).isEqualTo("resumeState");
  }

  @Test
  void garbageResumeStatesAndCodesAreValidationErrors() {
    GarminClient client = GarminClient.builder().build();
    Secret garbage = Secret.of("{\"v\":1,\"strategy\":\"x\"");
    Secret unknownStrategy =
        new ResumeState("carrier-pigeon", "https://sso.garmin.com", Map.of(), List.of()).encode();

    assertThat(
            catchThrowableOfType(
                    ValidationException.class,
                    () -> client.completeMfa(MfaMethod.EMAIL, garbage, "1"))
                .getMessage())
        .doesNotContain("strategy");
    assertThat(
            catchThrowableOfType(
                    ValidationException.class,
                    () -> client.completeMfa(MfaMethod.EMAIL, unknownStrategy, "1"))
                .field())
        .isEqualTo("resumeState");
    assertThat(
            catchThrowableOfType(
                    ValidationException.class,
                    () -> client.completeMfa(MfaMethod.EMAIL, unknownStrategy, " "))
                .field())
        .isEqualTo("code");
  }

  @Test
  void aResumeStateSurvivesItsTextFormWithCookies() {
    Cookie cookie =
        new Cookie.Builder()
            .name("SESSIONID")
            .value("abc")
            .hostOnlyDomain("sso.garmin.com")
            .path("/")
            .httpOnly()
            .build();
    ResumeState state =
        new ResumeState(
            "embed-widget", "https://sso.garmin.com", Map.of("csrf", "t0k"), List.of(cookie));

    ResumeState back = ResumeState.decode(Secret.of(state.encode().reveal()));

    assertThat(back.strategy()).isEqualTo("embed-widget");
    assertThat(back.flow()).containsEntry("csrf", "t0k");
    assertThat(back.cookies()).containsExactly(cookie);
    assertThat(state.toString()).doesNotContain("abc", "t0k");
  }
}
