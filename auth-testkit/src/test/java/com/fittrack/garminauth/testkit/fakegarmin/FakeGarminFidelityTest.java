package com.fittrack.garminauth.testkit.fakegarmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One test per fact of docs/garmin-protocol.md "What Garmin's answers look like": each drives the
 * running fake with plain HTTP and asserts the shape recorded real answers have. When the fake and
 * the document drift apart, one of these fails.
 */
@Tag("integration")
class FakeGarminFidelityTest {
  private static final String PASSWORD = "pw-fidelity";
  private static final String PLAIN = "mtplain@example.com";
  private static final String SMS = "sms@example.com";
  private static final String EMAIL = "email@example.com";
  private static final String CODE = "424242";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"(\\s+)value=\"([^\"]+)\"");
  private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>");

  @RegisterExtension
  static final FakeGarminExtension garmin =
      new FakeGarminExtension(
          () ->
              FakeGarmin.builder()
                  .account(FakeAccount.plain(PLAIN, PASSWORD))
                  .account(FakeAccount.withMfa(SMS, PASSWORD, "sms", CODE))
                  .account(FakeAccount.withMfa(EMAIL, PASSWORD, "email", CODE)));

  private final Wire wire = new Wire(garmin.fake());

  /** A browser that shows redirects instead of following them. */
  private static OkHttpClient noRedirects() {
    return Wire.browser().newBuilder().followRedirects(false).build();
  }

  @Test
  void widgetSignInWithoutMfaAnswersTheSuccessPageDirectly() throws IOException {
    OkHttpClient browser = noRedirects();
    Wire.Answer answer = widgetPost(browser, PLAIN, PASSWORD);

    assertThat(answer.code()).isEqualTo(200);
    assertThat(title(answer)).isEqualTo("Success");
    assertThat(answer.body()).containsPattern("embed\\?ticket=ST-\\d+-[A-Za-z0-9]+-cas\"");
  }

  @Test
  void widgetSignInWithMfaRedirectsToTheMfaPageAndTheCodeRedirectsToALoginToken()
      throws IOException {
    OkHttpClient browser = noRedirects();
    Wire.Answer signin = widgetPost(browser, SMS, PASSWORD);
    assertThat(signin.code()).isEqualTo(302);
    assertThat(signin.header()).startsWith("/sso/verifyMFA/loginEnterMfaCode?");

    Wire.Answer mfaPage = get(browser, signin.header());
    assertThat(title(mfaPage)).isEqualTo("Enter MFA code for login");
    Wire.Answer code = mfaPost(browser, signin.header(), csrf(mfaPage), CODE);
    assertThat(code.code()).isEqualTo(302);
    assertThat(code.header()).startsWith("/sso/login?logintoken=").contains("&service=");

    Wire.Answer success = get(browser, code.header());
    assertThat(success.code()).isEqualTo(200);
    assertThat(title(success)).isEqualTo("Success");
  }

  @Test
  void widgetWrongMfaCodeIsTheMfaPageAgainWithAnErrorAndAnEmptyCsrf() throws IOException {
    OkHttpClient browser = noRedirects();
    Wire.Answer signin = widgetPost(browser, SMS, PASSWORD);
    String issued = csrf(get(browser, signin.header()));

    Wire.Answer wrong = mfaPost(browser, signin.header(), issued, "000000");
    assertThat(wrong.code()).isEqualTo(200);
    assertThat(title(wrong)).isEqualTo("Enter MFA code for login");
    assertThat(wrong.body()).contains("id=\"invalidCode\"");
    assertThat(wrong.body()).containsPattern("name=\"_csrf\"\\s+value=\"\"");

    // The token issued with the MFA page still works for the next try.
    Wire.Answer right = mfaPost(browser, signin.header(), issued, CODE);
    assertThat(right.code()).isEqualTo(302);
    assertThat(right.header()).startsWith("/sso/login?logintoken=");
  }

  @Test
  void widgetWrongPasswordIs401WithTheFailStatusAndAFreshUpperCaseHexCsrf() throws IOException {
    OkHttpClient browser = noRedirects();
    String formCsrf = csrf(get(browser, signinPath()));
    Wire.Answer answer = widgetPost(browser, PLAIN, "wrong", formCsrf);

    assertThat(answer.code()).isEqualTo(401);
    assertThat(title(answer))
        .isEqualTo("GARMIN Authentication Application")
        .doesNotContain("Invalid");
    assertThat(answer.body()).containsPattern("var status\\s+=\\s+\"FAIL\"");
    assertThat(csrf(answer)).matches("[0-9A-F]{32,}").isNotEqualTo(formCsrf);
    assertThat(garmin.fake().counters().loginAttempts()).isEqualTo(1);
  }

  @Test
  void emailMfaPageIsTitledLikeAnyOtherAndOnlyVarMfaMethodTellsItApart() throws IOException {
    OkHttpClient browser = noRedirects();
    Wire.Answer signin = widgetPost(browser, EMAIL, PASSWORD);
    Wire.Answer page = get(browser, signin.header());

    assertThat(title(page)).isEqualTo("GARMIN Authentication Application");
    assertThat(page.body()).containsPattern("var mfaMethod\\s+=\\s+\"email\"");
    assertThat(page.body()).doesNotContain("@example.com").doesNotContain("*****");
  }

  @Test
  void anEmailCodeArrivesOnlyAfterTheClientAsksGarminToSendIt() throws IOException {
    OkHttpClient browser = noRedirects();
    Wire.Answer signin = widgetPost(browser, EMAIL, PASSWORD);
    Wire.Answer page = get(browser, signin.header());
    Wire.Answer before = mfaPost(browser, signin.header(), csrf(page), CODE);

    Matcher guid = Pattern.compile("var customerGuid\\s*=\\s*\"([^\"]+)\"").matcher(page.body());
    assertThat(guid.find()).isTrue();
    String body =
        "{\"customerGuid\":\"" + guid.group(1) + "\",\"mfaMethod\":\"email\",\"locale\":\"en-US\"}";
    Wire.Answer send =
        wire.send(
            browser,
            new Request.Builder()
                .url(wire.url("/sso/verifyMFA/mfaCode?clientId=GarminConnect"))
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .build(),
            "Location");
    Wire.Answer after = mfaPost(browser, signin.header(), csrf(page), CODE);

    assertThat(before.code()).isEqualTo(200); // the MFA page again: that code was never sent
    assertThat(send.code()).isEqualTo(200);
    assertThat(after.code()).isEqualTo(302);
    assertThat(garmin.fake().counters().mfaCodeSends()).isEqualTo(1);
  }

  @Test
  void htmlIsUntidyWithRunsOfSpacesAndTabs() throws IOException {
    OkHttpClient browser = noRedirects();
    Wire.Answer form = get(browser, signinPath());
    Wire.Answer success = widgetPost(browser, PLAIN, PASSWORD, csrf(form));

    Matcher m = CSRF.matcher(form.body());
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).hasSizeGreaterThan(1);
    assertThat(success.body()).containsPattern("var response_url {2,}\\t {2}= \"");
  }

  @Test
  void csrfTokensAreUpperCaseHexAndTicketsLettersAndDigits() throws IOException {
    OkHttpClient browser = noRedirects();
    String csrf = csrf(get(browser, signinPath()));

    assertThat(csrf).matches("[0-9A-F]+");
    assertThat(wire.login(Wire.browser(), PLAIN, PASSWORD).json().path("serviceTicketId").asText())
        .matches("ST-\\d+-[A-Za-z0-9]+-cas");
  }

  @Test
  void loginFailuresCarryExplicitNulls() throws IOException {
    JsonNode json = wire.login(Wire.browser(), PLAIN, "wrong").json();

    for (String field : List.of("serviceTicketId", "serviceURL", "customerMfaInfo", "authType")) {
      assertThat(json.has(field)).as(field).isTrue();
      assertThat(json.get(field).isNull()).as(field).isTrue();
    }
  }

  @Test
  void mfaRequiredCarriesNullTicketFieldsAndTheFullMfaInfo() throws IOException {
    JsonNode json = wire.login(Wire.browser(), EMAIL, PASSWORD).json();

    assertThat(json.get("serviceTicketId").isNull()).isTrue();
    assertThat(json.get("serviceURL").isNull()).isTrue();
    assertThat(json.at("/customerMfaInfo/defaultMfaMethod").asText()).isEqualTo("email");
    assertThat(json.at("/customerMfaInfo/mfaUISetting").isTextual()).isTrue();
    assertThat(json.at("/customerMfaInfo/email").asText()).isEqualTo("em*****@example.com");
  }

  @Test
  void sessionCookiesAreSetByTheSigninFormAndTheMobilePage() throws IOException {
    List<String> form = setCookies(get(signinPath()));
    List<String> mobile = setCookies(get("/mobile/sso/en/sign-in?clientId=GCM_ANDROID_DARK"));

    assertThat(form).anySatisfy(c -> assertThat(c).startsWith("SESSION="));
    assertThat(mobile)
        .anySatisfy(c -> assertThat(c).startsWith("SESSION="))
        .anySatisfy(c -> assertThat(c).startsWith("__VCAP_ID__="))
        .anySatisfy(c -> assertThat(c).startsWith("__cf_bm="));
  }

  private static List<String> setCookies(Request request) throws IOException {
    try (okhttp3.Response r = Wire.browser().newCall(request).execute()) {
      return r.headers("Set-Cookie");
    }
  }

  @Test
  void contentTypesAreGarminsOwn() throws IOException {
    Wire.Answer login = wire.login(Wire.browser(), PLAIN, PASSWORD);
    String ticket = login.json().path("serviceTicketId").asText();
    Wire.Answer preauthorized = preauthorized(ticket, false);
    Wire.Answer exchange =
        wire.exchange(
            wire.login(Wire.browser(), PLAIN, PASSWORD).json().path("serviceTicketId").asText());

    assertThat(login.contentType()).isEqualTo("application/json");
    assertThat(exchange.contentType()).isEqualTo("application/json");
    assertThat(preauthorized.contentType()).isEqualTo("text/plain;charset=utf-8");
  }

  @Test
  void socialProfileIdDiffersFromProfileIdAndUserNameIsAHandle() throws IOException {
    JsonNode profile = profile(diAccessToken(PLAIN)).json();

    assertThat(profile.path("id").asLong()).isNotEqualTo(profile.path("profileId").asLong());
    assertThat(profile.path("userName").asText()).doesNotContain("@").isNotBlank();
  }

  @Test
  void tokenTypeIsBearerInDiAndCapitalisedInTheLegacyExchange() throws IOException {
    JsonNode di = diTokens(PLAIN);
    String body =
        preauthorized(
                wire.login(Wire.browser(), PLAIN, PASSWORD).json().path("serviceTicketId").asText(),
                false)
            .body();

    assertThat(di.path("token_type").asText()).isEqualTo("bearer");
    assertThat(body).startsWith("oauth_token=");
    // The legacy exchange itself is asserted through the client's contract tests; its answer
    // names the type "Bearer" (FakeTokens.legacyTokens), as the 2023-24 recordings do.
  }

  @Test
  void oauth1ParametersAreAcceptedInTheQueryStringAsInTheHeader() throws IOException {
    String ticket =
        wire.login(Wire.browser(), PLAIN, PASSWORD).json().path("serviceTicketId").asText();

    Wire.Answer answer = preauthorized(ticket, true);

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.body()).startsWith("oauth_token=");
  }

  @Test
  void formPostsAreAcceptedAsMultipartAsWellAsUrlEncoded() throws IOException {
    OkHttpClient browser = noRedirects();
    String csrf = csrf(get(browser, signinPath()));
    RequestBody multipart =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("username", PLAIN)
            .addFormDataPart("password", PASSWORD)
            .addFormDataPart("embed", "true")
            .addFormDataPart("_csrf", csrf)
            .build();

    Wire.Answer answer =
        wire.send(browser, new Request.Builder().url(signinUrl()).post(multipart).build(), "");

    assertThat(answer.code()).isEqualTo(200);
    assertThat(title(answer)).isEqualTo("Success");
  }

  @Test
  void embedServiceTokensOfAScriptedAccountAreRefusedAsNotActive() throws IOException {
    garmin.fake().refuseEmbedServiceTokens(PLAIN);
    OkHttpClient browser = noRedirects();
    Matcher ticket =
        Pattern.compile("ticket=(ST-[A-Za-z0-9-]+)")
            .matcher(widgetPost(browser, PLAIN, PASSWORD).body());
    assertThat(ticket.find()).isTrue();
    String embed = wire.url("/sso/embed").toString();
    String id = "GARMIN_CONNECT_MOBILE_ANDROID_DI";
    JsonNode tokens =
        wire.diGrant(
                id,
                id,
                "service_ticket",
                ticket.group(1),
                "grant_type",
                "https://connectapi.garmin.com/di-oauth2-service/oauth/grant/service_ticket",
                "service_url",
                embed)
            .json();

    Wire.Answer profile = profile(tokens.path("access_token").asText());
    Wire.Answer mobileProfile = profile(diAccessToken(PLAIN));

    assertThat(profile.code()).isEqualTo(401);
    assertThat(profile.body()).contains("Token is not active");
    assertThat(mobileProfile.code()).isEqualTo(200);
  }

  @Test
  void theNormal2026SignInPageNamesCloudflareWithoutBeingABlock() throws IOException {
    Wire.Answer page =
        wire.send(Wire.browser(), get("/mobile/sso/en/sign-in?clientId=GCM_IOS_DARK"), "");

    assertThat(page.code()).isEqualTo(200);
    assertThat(page.body()).contains("isCloudflareHeaderNeedsConsent");
  }

  @Test
  void aFirewallBlockIsAPlainText403WithErrorCode1020() throws IOException {
    garmin.fake().block(FakeStrategy.MOBILE, Block.ERROR_1020);

    Wire.Answer answer = wire.login(Wire.browser(), PLAIN, PASSWORD);

    assertThat(answer.code()).isEqualTo(403);
    assertThat(answer.contentType()).startsWith("text/plain");
    assertThat(answer.body()).isEqualTo("error code: 1020");
  }

  @Test
  void aChallengeBlockCarriesCloudflaresRealMarkers() throws IOException {
    garmin.fake().block(FakeStrategy.MOBILE, Block.CLOUDFLARE);

    Wire.Answer answer = wire.login(Wire.browser(), PLAIN, PASSWORD);

    assertThat(answer.code()).isEqualTo(403);
    assertThat(answer.body()).contains("Just a moment", "__cf_chl", "cf-browser-verification");
  }

  @Test
  void theIosAppsClientIdSignsInOnTheMobilePaths() throws IOException {
    OkHttpClient browser = Wire.browser();
    wire.send(browser, get("/mobile/sso/en/sign-in?clientId=GCM_IOS_DARK"), "");
    HttpUrl login =
        wire.url("/mobile/api/login")
            .newBuilder()
            .addQueryParameter("clientId", "GCM_IOS_DARK")
            .addQueryParameter("locale", "en-US")
            .addQueryParameter("service", "https://mobile.integration.garmin.com/gcm/ios")
            .build();
    String body =
        "{\"username\":\"" + PLAIN + "\",\"password\":\"" + PASSWORD + "\",\"rememberMe\":true}";

    Wire.Answer answer =
        wire.send(
            browser,
            new Request.Builder()
                .url(login)
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .build(),
            "");

    assertThat(answer.json().at("/responseStatus/type").asText()).isEqualTo("SUCCESSFUL");
  }

  @Test
  void aFrontThatClosesEachConnectionDoesSoWithoutSayingSo() throws IOException {
    garmin.fake().closeConnectionAfterEachAnswer(true);
    try (Socket socket = new Socket("127.0.0.1", garmin.fake().port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /sso/embed HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);

      assertThat(answer).startsWith("HTTP/1.1 200");
      assertThat(answer.toLowerCase(Locale.ROOT)).doesNotContain("connection: close");
      assertThat(answer).contains("</html>"); // the whole answer came, then the close
    }
  }

  // --- helpers ---

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes(); // ends at the server's close: that is the point
  }

  private Request get(String pathAndQuery) {
    return new Request.Builder().url(wire.url("/").resolve(pathAndQuery)).build();
  }

  private Wire.Answer get(OkHttpClient browser, String pathAndQuery) throws IOException {
    return wire.send(browser, get(pathAndQuery), "Location");
  }

  private HttpUrl signinUrl() {
    String embed = wire.url("/sso/embed").toString();
    return wire.url("/sso/signin")
        .newBuilder()
        .addQueryParameter("id", "gauth-widget")
        .addQueryParameter("embedWidget", "true")
        .addQueryParameter("service", embed)
        .addQueryParameter("source", embed)
        .build();
  }

  private String signinPath() {
    HttpUrl url = signinUrl();
    return url.encodedPath() + "?" + url.encodedQuery();
  }

  private Wire.Answer widgetPost(OkHttpClient browser, String email, String password)
      throws IOException {
    return widgetPost(browser, email, password, csrf(get(browser, signinPath())));
  }

  private Wire.Answer widgetPost(OkHttpClient browser, String email, String password, String csrf)
      throws IOException {
    FormBody form =
        new FormBody.Builder()
            .add("username", email)
            .add("password", password)
            .add("embed", "true")
            .add("_csrf", csrf)
            .build();
    return wire.send(
        browser, new Request.Builder().url(signinUrl()).post(form).build(), "Location");
  }

  private Wire.Answer mfaPost(OkHttpClient browser, String mfaPath, String csrf, String code)
      throws IOException {
    FormBody form =
        new FormBody.Builder()
            .add("mfa-code", code)
            .add("embed", "true")
            .add("_csrf", csrf)
            .add("fromPage", "setupEnterMfaCode")
            .build();
    return wire.send(
        browser,
        new Request.Builder().url(wire.url("/").resolve(mfaPath)).post(form).build(),
        "Location");
  }

  private static String csrf(Wire.Answer page) {
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as("a _csrf field").isTrue();
    return m.group(2);
  }

  private static String title(Wire.Answer page) {
    Matcher m = TITLE.matcher(page.body());
    assertThat(m.find()).as("a title").isTrue();
    return m.group(1);
  }

  private JsonNode diTokens(String email) throws IOException {
    String ticket =
        wire.login(Wire.browser(), email, PASSWORD).json().path("serviceTicketId").asText();
    return wire.exchange(ticket).json();
  }

  private String diAccessToken(String email) throws IOException {
    return diTokens(email).path("access_token").asText();
  }

  private Wire.Answer profile(String accessToken) throws IOException {
    return wire.send(
        Wire.browser(),
        new Request.Builder()
            .url(wire.url("/userprofile-service/socialProfile"))
            .header("Authorization", "Bearer " + accessToken)
            .build(),
        "");
  }

  /** GET preauthorized, OAuth 1.0a-signed by the consumer, parameters in header or query. */
  private Wire.Answer preauthorized(String ticket, boolean inQuery) throws IOException {
    HttpUrl base =
        wire.url("/oauth-service/oauth/preauthorized")
            .newBuilder()
            .addQueryParameter("ticket", ticket)
            .addQueryParameter("login-url", Wire.SERVICE)
            .addQueryParameter("accepts-mfa-tokens", "true")
            .build();
    List<String[]> oauth = new ArrayList<>();
    oauth.add(new String[] {"oauth_consumer_key", FakeGarmin.CONSUMER_KEY});
    oauth.add(new String[] {"oauth_nonce", "fidelity" + System.nanoTime()});
    oauth.add(new String[] {"oauth_signature_method", "HMAC-SHA1"});
    oauth.add(new String[] {"oauth_timestamp", Long.toString(System.currentTimeMillis() / 1000)});
    oauth.add(new String[] {"oauth_version", "1.0"});
    List<String[]> all = new ArrayList<>(oauth);
    for (int i = 0; i < base.querySize(); i++) {
      all.add(new String[] {base.queryParameterName(i), base.queryParameterValue(i)});
    }
    all.sort(
        (a, b) ->
            pct(a[0]).equals(pct(b[0]))
                ? pct(a[1]).compareTo(pct(b[1]))
                : pct(a[0]).compareTo(pct(b[0])));
    StringBuilder params = new StringBuilder();
    for (String[] p : all) {
      params
          .append(params.length() == 0 ? "" : "&")
          .append(pct(p[0]))
          .append('=')
          .append(pct(p[1]));
    }
    String baseString =
        "GET&"
            + pct(base.scheme() + "://" + base.host() + ":" + base.port() + base.encodedPath())
            + "&"
            + pct(params.toString());
    oauth.add(
        new String[] {"oauth_signature", hmac(pct(FakeGarmin.CONSUMER_SECRET) + "&", baseString)});
    Request.Builder request = new Request.Builder();
    if (inQuery) {
      HttpUrl.Builder url = base.newBuilder();
      oauth.forEach(p -> url.addQueryParameter(p[0], p[1]));
      request.url(url.build());
    } else {
      StringBuilder header = new StringBuilder("OAuth ");
      for (String[] p : oauth) {
        header
            .append(header.length() == 6 ? "" : ", ")
            .append(pct(p[0]))
            .append("=\"")
            .append(pct(p[1]))
            .append('"');
      }
      request.url(base).header("Authorization", header.toString());
    }
    return wire.send(Wire.browser(), request.build(), "");
  }

  private static String hmac(String key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pct(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      boolean unreserved =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || "-._~".indexOf(c) >= 0;
      b.append(unreserved ? String.valueOf((char) c) : String.format("%%%02X", c));
    }
    return b.toString();
  }
}
