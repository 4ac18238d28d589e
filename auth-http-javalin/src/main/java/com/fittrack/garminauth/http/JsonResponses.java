package com.fittrack.garminauth.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.javalin.http.Context;

/** Writes JSON answers and problem documents with the one configured mapper. */
final class JsonResponses {
  private final ObjectMapper mapper;

  /**
   * A writer per answer type, its serializer found once: {@code writeValueAsBytes} on the mapper
   * looks it up on every call, on the token route's hot path.
   */
  private final ClassValue<ObjectWriter> writers =
      new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
          return mapper.writerFor(type);
        }
      };

  JsonResponses(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Finds the writers of these answer types now rather than on their first answer. */
  void prepare(Class<?>... types) {
    for (Class<?> type : types) {
      writers.get(type);
    }
  }

  void json(Context ctx, int status, Object body) {
    write(ctx, status, "application/json", body);
  }

  void problem(Context ctx, Problem problem) {
    write(ctx, problem.status(), Problem.CONTENT_TYPE, problem);
    if (problem.retryAfterSeconds() != null) {
      ctx.header("Retry-After", Long.toString(problem.retryAfterSeconds()));
    }
    if (problem.status() == 401) {
      ctx.header("WWW-Authenticate", SecurityHeaders.WWW_AUTHENTICATE);
    }
  }

  private void write(Context ctx, int status, String contentType, Object body) {
    try {
      ctx.status(status)
          .contentType(contentType)
          .result(writers.get(body.getClass()).writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response could not be written as JSON", e);
    }
  }
}
