package com.fittrack.garminauth.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler, made to answer like the API: a problem document with our security headers
 * for every error Jetty produces itself (a header over the limit, an over-long or malformed URI, a
 * method it will not route), before any handler of ours has run. Installed on the server and on the
 * servlet context, so routes added later are covered without doing anything. Jetty's own message is
 * never shown: it may quote the request.
 */
final class ProblemErrorHandler extends ErrorHandler {
  private final ObjectMapper mapper;

  ProblemErrorHandler(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
      status = http.getCode();
    }
    write(request, response, callback, status);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    SecurityHeaders.apply(fields::put);
    return ByteBuffer.wrap(body(status, null));
  }

  private void write(Request request, Response response, Callback callback, int code) {
    int status = code < 400 || code > 599 ? 500 : code;
    response.setStatus(status);
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    SecurityHeaders.apply(headers::put);
    if (status == 401) {
      headers.put(HttpHeader.WWW_AUTHENTICATE, SecurityHeaders.WWW_AUTHENTICATE);
    }
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    response.write(true, ByteBuffer.wrap(body(status, path)), callback);
  }

  private byte[] body(int status, String path) {
    Problem problem = problemFor(status, safeInstance(path));
    try {
      return mapper.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("problem document could not be written", e);
    }
  }

  static Problem problemFor(int status, String instance) {
    return switch (status) {
      case 400 ->
          ProblemMapper.generic(
              400,
              "bad_request",
              "the request is not valid HTTP or its URI is malformed",
              instance);
      case 404 -> ProblemMapper.generic(404, "not_found", "no such route", instance);
      case 405 ->
          ProblemMapper.generic(
              405, "method_not_allowed", "this route does not take that method", instance);
      case 413 ->
          ProblemMapper.generic(413, "payload_too_large", "the request is too large", instance);
      case 414 ->
          ProblemMapper.generic(414, "uri_too_long", "the request URI is too long", instance);
      case 431 ->
          ProblemMapper.generic(
              431,
              "request_header_fields_too_large",
              "the request headers are too large",
              instance);
      default ->
          status >= 500
              ? ProblemMapper.internal(instance)
              : ProblemMapper.generic(
                  status, "http_" + status, ProblemMapper.title(status), instance);
    };
  }

  /** Only a short path made of safe characters is echoed back; anything else is left out. */
  private static String safeInstance(String path) {
    if (path == null || path.length() > 200 || !path.matches("[A-Za-z0-9/_.~-]*")) {
      return null;
    }
    return path;
  }
}
