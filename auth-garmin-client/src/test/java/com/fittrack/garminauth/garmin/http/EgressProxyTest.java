package com.fittrack.garminauth.garmin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressProxyTest {

  @Test
  void readsAnHttpProxyWithCredentials() {
    EgressProxy proxy = EgressProxy.parse("http://egress:p%40ss%3Aword@proxy.internal:3128");

    assertThat(proxy.kind()).isEqualTo(EgressProxy.Kind.HTTP);
    assertThat(proxy.host()).isEqualTo("proxy.internal");
    assertThat(proxy.port()).isEqualTo(3128);
    assertThat(proxy.username()).contains("egress");
    assertThat(proxy.password().orElseThrow().reveal()).isEqualTo("p@ss:word");
  }

  @Test
  void readsSocks5WithoutCredentialsAndIpv6Hosts() {
    EgressProxy proxy = EgressProxy.parse("socks5://[::1]:1080");

    assertThat(proxy.kind()).isEqualTo(EgressProxy.Kind.SOCKS5);
    assertThat(proxy.host()).isEqualTo("::1");
    assertThat(proxy.hasCredentials()).isFalse();
    assertThat(proxy.redacted()).isEqualTo("socks5://[::1]:1080");
  }

  @Test
  void neverPrintsItsCredentials() {
    EgressProxy proxy = EgressProxy.parse("socks5://someone:hunter2-secret@10.0.0.5:1080");

    assertThat(proxy.toString())
        .isEqualTo("socks5://***@10.0.0.5:1080")
        .doesNotContain("hunter2")
        .doesNotContain("someone");
    assertThat(String.valueOf(proxy.password())).doesNotContain("hunter2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "proxy.internal:3128",
        "https://proxy.internal:3128",
        "socks4://proxy.internal:1080",
        "http://proxy.internal",
        "http://proxy.internal:0",
        "http://proxy.internal:70000",
        "http://proxy.internal:3128/path",
        "http://proxy.internal:3128?x=1",
        "http://user@proxy.internal:3128",
        "http://user:@proxy.internal:3128",
        "http://:hunter2-secret@proxy.internal:3128",
        "http://user:hunter2-secret@:3128",
        "http://us er:hunter2-secret@proxy.internal:3128",
      })
  void rejectsAnythingElseWithoutRepeatingIt(String url) {
    assertThatThrownBy(() -> EgressProxy.parse(url))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }
}
