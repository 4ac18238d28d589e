package com.fittrack.garminauth.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, with the machine-readable {@code code} clients switch on. {@code
 * detail} is always a message that was written to be safe to show: never a secret, never a stack
 * trace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    boolean retryable,
    String field,
    Integer attemptsLeft,
    Long retryAfterSeconds) {

  public static final String CONTENT_TYPE = "application/problem+json";

  /** Problem type URIs are stable names, not links. */
  static String typeFor(String code) {
    return "urn:garmin-auth:problem:" + code;
  }
}
