package com.fittrack.garminauth.garmin.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.domain.Secret;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** OAuth 1.0a HMAC-SHA1 signing against the examples of RFC 5849. */
class OAuth1SignerTest {
  private static final Secret PHOTOS_CONSUMER_SECRET = Secret.of("kd94hf93k423kf44");

  @Test
  void baseStringMatchesSection3411() {
    HttpUrl url = HttpUrl.get("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
    List<OAuth1Signer.Param> params =
        List.of(
            new OAuth1Signer.Param("b5", "=%3D"),
            new OAuth1Signer.Param("a3", "a"),
            new OAuth1Signer.Param("c@", ""),
            new OAuth1Signer.Param("a2", "r b"),
            new OAuth1Signer.Param("oauth_consumer_key", "9djdj82h48djs9d2"),
            new OAuth1Signer.Param("oauth_token", "kkk9d7dh3k39sjv7"),
            new OAuth1Signer.Param("oauth_signature_method", "HMAC-SHA1"),
            new OAuth1Signer.Param("oauth_timestamp", "137131201"),
            new OAuth1Signer.Param("oauth_nonce", "7d8f3e4a"),
            new OAuth1Signer.Param("c2", ""),
            new OAuth1Signer.Param("a3", "2 q"));

    String base = OAuth1Signer.baseString("POST", url, params);

    assertThat(base)
        .isEqualTo(
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
                + "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_"
                + "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m"
                + "ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk"
                + "9d7dh3k39sjv7");
  }

  @Test
  void signsTheProtectedResourceRequestOfSection12() {
    HttpUrl url = HttpUrl.get("http://photos.example.net/photos?file=vacation.jpg&size=original");
    String base =
        OAuth1Signer.baseString(
            "GET",
            url,
            List.of(
                new OAuth1Signer.Param("file", "vacation.jpg"),
                new OAuth1Signer.Param("size", "original"),
                new OAuth1Signer.Param("oauth_consumer_key", "dpf43f3p2l4k3l03"),
                new OAuth1Signer.Param("oauth_token", "nnch734d00sl2jdk"),
                new OAuth1Signer.Param("oauth_signature_method", "HMAC-SHA1"),
                new OAuth1Signer.Param("oauth_timestamp", "137131202"),
                new OAuth1Signer.Param("oauth_nonce", "chapoH")));

    String signature =
        OAuth1Signer.sign(base, PHOTOS_CONSUMER_SECRET, Optional.of(Secret.of("pfkkdhi9sl3r4s00")));

    assertThat(signature).isEqualTo("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
  }

  @Test
  void signsTheTemporaryCredentialRequestOfSection12WithoutAToken() {
    String base =
        OAuth1Signer.baseString(
            "POST",
            HttpUrl.get("https://photos.example.net/initiate"),
            List.of(
                new OAuth1Signer.Param("oauth_consumer_key", "dpf43f3p2l4k3l03"),
                new OAuth1Signer.Param("oauth_signature_method", "HMAC-SHA1"),
                new OAuth1Signer.Param("oauth_timestamp", "137131200"),
                new OAuth1Signer.Param("oauth_nonce", "wIjqoS"),
                new OAuth1Signer.Param("oauth_callback", "http://printer.example.com/ready")));

    assertThat(OAuth1Signer.sign(base, PHOTOS_CONSUMER_SECRET, Optional.empty()))
        .isEqualTo("74KNZJeDHnMBp0EMJ9ZHt/XKycU=");
  }

  @Test
  void signsTheTokenRequestOfSection12() {
    String base =
        OAuth1Signer.baseString(
            "POST",
            HttpUrl.get("https://photos.example.net/token"),
            List.of(
                new OAuth1Signer.Param("oauth_consumer_key", "dpf43f3p2l4k3l03"),
                new OAuth1Signer.Param("oauth_token", "hh5s93j4hdidpola"),
                new OAuth1Signer.Param("oauth_signature_method", "HMAC-SHA1"),
                new OAuth1Signer.Param("oauth_timestamp", "137131201"),
                new OAuth1Signer.Param("oauth_nonce", "walatlh"),
                new OAuth1Signer.Param("oauth_verifier", "hfdp7dh39dks9884")));

    assertThat(
            OAuth1Signer.sign(
                base, PHOTOS_CONSUMER_SECRET, Optional.of(Secret.of("hdhd0244k9j7ao03"))))
        .isEqualTo("gKgrFCywp7rO0OXSjdot/IHF7IU=");
  }

  @Test
  void authorizationHeaderCarriesEveryProtocolParameterAndTheSignature() {
    OAuth1Signer signer =
        new OAuth1Signer("dpf43f3p2l4k3l03", PHOTOS_CONSUMER_SECRET, Clock.systemUTC());
    HttpUrl url = HttpUrl.get("http://photos.example.net/photos?file=vacation.jpg&size=original");

    String header =
        signer.authorization(
            "GET",
            url,
            List.of(),
            Optional.of(new OAuth1Signer.Token("nnch734d00sl2jdk", Secret.of("pfkkdhi9sl3r4s00"))),
            137131202,
            "chapoH");

    // The section 1.2 request plus oauth_version="1.0", which Garmin's clients send; the value was
    // computed independently of this code.
    assertThat(header)
        .startsWith("OAuth ")
        .contains(
            "oauth_consumer_key=\"dpf43f3p2l4k3l03\"",
            "oauth_nonce=\"chapoH\"",
            "oauth_signature_method=\"HMAC-SHA1\"",
            "oauth_timestamp=\"137131202\"",
            "oauth_token=\"nnch734d00sl2jdk\"",
            "oauth_version=\"1.0\"",
            "oauth_signature=\"1IAE9RzK%2BDqSqVTdQ%2F0zWANXVzs%3D\"");
  }

  @Test
  void percentEncodesEverythingButUnreservedCharacters() {
    assertThat(OAuth1Signer.encode("Ladies + Gentlemen")).isEqualTo("Ladies%20%2B%20Gentlemen");
    assertThat(OAuth1Signer.encode("An encoded string!")).isEqualTo("An%20encoded%20string%21");
    assertThat(OAuth1Signer.encode("Dogs, Cats & Mice")).isEqualTo("Dogs%2C%20Cats%20%26%20Mice");
    assertThat(OAuth1Signer.encode("☃")).isEqualTo("%E2%98%83");
    assertThat(OAuth1Signer.encode("-._~")).isEqualTo("-._~");
  }

  @Test
  void freshHeadersUseANewNonceEachTime() {
    OAuth1Signer signer = new OAuth1Signer("key", Secret.of("secret"), Clock.systemUTC());
    HttpUrl url = HttpUrl.get("https://connectapi.garmin.com/oauth-service/oauth/preauthorized");

    String a = signer.authorization("GET", url, List.of(), Optional.empty());
    String b = signer.authorization("GET", url, List.of(), Optional.empty());

    assertThat(a).isNotEqualTo(b).doesNotContain("oauth_token=");
  }
}
