package com.fittrack.garminauth.http;

import java.util.Optional;

/**
 * One route of the API: method, path (Javalin and OpenAPI share the {@code {param}} syntax) and the
 * scope it needs (empty: public). The list in {@link HttpApi#routes} is what gets registered, and
 * what the OpenAPI test compares docs/openapi.yaml with.
 */
public record RouteSpec(String method, String path, Optional<Scope> scope) {}
