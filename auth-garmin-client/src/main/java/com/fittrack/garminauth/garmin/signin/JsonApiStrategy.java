package com.fittrack.garminauth.garmin.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fittrack.garminauth.core.domain.ChallengeException;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.SignInRejectedException;
import com.fittrack.garminauth.core.domain.ValidationException;
import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.http.Failures;
import com.fittrack.garminauth.garmin.http.HttpReply;
import com.fittrack.garminauth.garmin.http.JsonFields;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The JSON sign-in API that Garmin serves twice, for the mobile app and for the desktop portal
 * (GARMIN-PROTOCOL.md 1a and 1b): load the sign-in page for its cookies, post the credentials as
 * JSON, and read {@code responseStatus.type}.
 */
abstract class JsonApiStrategy implements SignInStrategy {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** Garmin does not say how many codes are left; the use case keeps its own count. */
  static final int ATTEMPTS_LEFT_UNKNOWN = 1;

  /** The sign-in page path, e.g. {@code /mobile/sso/en/sign-in}. */
  abstract String pagePath();

  /** The API prefix, e.g. {@code /mobile/api}. */
  abstract String apiPrefix();

  abstract String clientId();

  abstract String service(GarminEndpoints endpoints);

  abstract String userAgent();

  /** The sign-in page with its query; the portal names its service there too. */
  HttpUrl pageUrl(SignInContext ctx, String service) {
    return ctx.sso(pagePath())
        .addQueryParameter("clientId", clientId())
        .addQueryParameter("service", service)
        .build();
  }

  /** Steps before the login post (best effort). */
  void prepare(SignInContext context) {}

  /** A person's pause between the page and the credential post. */
  void pause(SignInContext context) {
    context.pauseAfterPage();
  }

  /** The {@code rememberMe} of the login body. */
  boolean rememberMe() {
    return false;
  }

  /** Headers of the sign-in page load. */
  Request.Builder pageHeaders(Request.Builder b) {
    return BrowserHeaders.page(b, userAgent());
  }

  /** Headers of the JSON posts. */
  Request.Builder apiHeaders(Request.Builder b, String origin, String referer) {
    return BrowserHeaders.api(b, userAgent(), origin, referer);
  }

  @Override
  public StrategyResult signIn(SignInContext ctx, String email, Secret password) {
    String service = service(ctx.endpoints());
    HttpUrl page = pageUrl(ctx, service);
    HttpReply pageReply =
        ctx.send(pageHeaders(new Request.Builder().url(page)).build(), what("sign-in page"));
    if (!pageReply.isSuccessful()) {
      throw Failures.unexpected(pageReply, what("sign-in page"));
    }
    prepare(ctx);
    pause(ctx);
    Map<String, String> flow =
        Map.of("clientId", clientId(), "locale", "en-US", "service", service);
    ObjectNode body = JsonFields.MAPPER.createObjectNode();
    body.put("username", email);
    body.put("password", password.reveal());
    body.put("rememberMe", rememberMe());
    body.put("captchaToken", "");
    HttpReply reply = post(ctx, "/login", flow, body, page.toString(), what("login"));
    JsonNode json = readStatus(reply, what("login"));
    String type = statusType(json, what("login"));
    switch (type) {
      case "SUCCESSFUL":
        return ticket(json, service, what("login"));
      case "MFA_REQUIRED":
        return new StrategyResult.MfaPending(mfaMethod(json), flow);
      case "INVALID_USERNAME_PASSWORD":
        throw new SignInRejectedException(
            ErrorCode.INVALID_CREDENTIALS, "Garmin did not accept the email and password");
      case "CAPTCHA_REQUIRED":
        throw GarminUnavailableException.rateLimited(
            what("login") + " asked for a captcha (bot challenge)",
            reply.retryAfter().orElse(null));
      default:
        if (type.contains("LOCKED") || type.contains("DISABLED")) {
          throw new SignInRejectedException(
              ErrorCode.ACCOUNT_LOCKED, "Garmin reports the account as locked or disabled");
        }
        if (reply.code() == 401) {
          throw new SignInRejectedException(
              ErrorCode.INVALID_CREDENTIALS, "Garmin did not accept the email and password");
        }
        throw new GarminProtocolException(what("login") + " answered the unknown status " + type);
    }
  }

  @Override
  public StrategyResult.Ticket completeMfa(
      SignInContext ctx, MfaMethod method, Map<String, String> flow, String code) {
    ObjectNode body = JsonFields.MAPPER.createObjectNode();
    body.put("mfaMethod", method.value());
    body.put("mfaVerificationCode", code);
    body.put("rememberMyBrowser", false);
    body.putArray("reconsentList");
    body.put("mfaSetup", false);
    String referer = ctx.sso(pagePath()).build().toString();
    HttpReply reply = post(ctx, "/mfa/verifyCode", flow, body, referer, what("MFA verification"));
    JsonNode json = readStatus(reply, what("MFA verification"));
    String type = statusType(json, what("MFA verification"));
    if (type.equals("SUCCESSFUL")) {
      return ticket(json, flow.getOrDefault("service", service(ctx.endpoints())), what("MFA"));
    }
    if (type.contains("EXPIRED") || type.contains("SESSION")) {
      throw new ChallengeException(
          ErrorCode.CHALLENGE_EXPIRED, "Garmin no longer knows this sign-in; sign in again");
    }
    if (type.contains("MFA") || type.contains("CODE") || type.contains("INVALID")) {
      throw ChallengeException.invalidCode(ATTEMPTS_LEFT_UNKNOWN);
    }
    throw new GarminProtocolException(
        what("MFA verification") + " answered the unknown status " + type);
  }

  private HttpReply post(
      SignInContext ctx,
      String path,
      Map<String, String> flow,
      ObjectNode body,
      String referer,
      String what) {
    HttpUrl.Builder url = ctx.sso(apiPrefix() + path);
    for (String name : new String[] {"clientId", "locale", "service"}) {
      String value = flow.get(name);
      if (value == null) {
        throw new ValidationException("resumeState", "lacks the flow parameter " + name);
      }
      url.addQueryParameter(name, value);
    }
    String origin = ctx.origin();
    Request request =
        apiHeaders(new Request.Builder().url(url.build()), origin, referer)
            .post(RequestBody.create(body.toString(), JSON))
            .build();
    return ctx.send(request, what);
  }

  /** Blocks and fronts answer before Garmin's JSON does; they are rate limits, not answers. */
  private static JsonNode readStatus(HttpReply reply, String what) {
    if (reply.code() == 429 || reply.isBlock() || reply.isServerError()) {
      throw Failures.unexpected(reply, what);
    }
    JsonNode json = JsonFields.object(reply, what);
    JsonNode error = json.get("error");
    if (error != null && error.isObject() && "429".equals(error.path("status-code").asText())) {
      throw GarminUnavailableException.rateLimited(
          what + " reported a rate limit", reply.retryAfter().orElse(null));
    }
    return json;
  }

  private static String statusType(JsonNode json, String what) {
    JsonNode status =
        JsonFields.optionalObject(json, "responseStatus", what)
            .orElseThrow(
                () ->
                    new GarminProtocolException(
                        what + ": expected the object 'responseStatus', but it was missing"));
    String type = JsonFields.text(status, "type", what + " responseStatus");
    // Only a plain token is echoed in messages and compared.
    if (!type.matches("[A-Za-z_]{1,64}")) {
      throw new GarminProtocolException(what + " answered a malformed responseStatus.type");
    }
    return type.toUpperCase(Locale.ROOT);
  }

  private static StrategyResult.Ticket ticket(JsonNode json, String service, String what) {
    String ticket = JsonFields.text(json, "serviceTicketId", what);
    if (!ticket.startsWith("ST-")) {
      throw new GarminProtocolException(what + ": serviceTicketId is not a CAS service ticket");
    }
    String serviceUrl = JsonFields.optionalText(json, "serviceURL", what).orElse(service);
    return new StrategyResult.Ticket(Secret.of(ticket), serviceUrl);
  }

  private MfaMethod mfaMethod(JsonNode json) {
    String raw =
        JsonFields.optionalObject(json, "customerMfaInfo", what("login"))
            .flatMap(info -> JsonFields.optionalText(info, "mfaLastMethodUsed", what("login")))
            .orElse("email");
    try {
      return MfaMethod.of(raw);
    } catch (ValidationException e) {
      throw new GarminProtocolException(
          what("login") + " named an MFA method this client cannot use");
    }
  }

  String what(String step) {
    return name() + " " + step;
  }
}
