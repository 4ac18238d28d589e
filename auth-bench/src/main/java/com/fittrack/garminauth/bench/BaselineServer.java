package com.fittrack.garminauth.bench;

import io.javalin.Javalin;

/**
 * Figure 3's baseline: the least a Javalin server can do for {@code POST
 * /v1/connections/{id}/token}, answering a constant JSON body of the real answer's size (a 1.2 kB
 * token). Run as its own process; prints {@code READY port=<n>} once it listens.
 *
 * <pre>{@code
 * java -cp benchmarks.jar com.fittrack.garminauth.bench.BaselineServer [port]
 * }</pre>
 */
public final class BaselineServer {
  static final String BODY =
      "{\"accessToken\":\""
          + "x".repeat(Seeder.ACCESS_TOKEN_CHARS)
          + "\",\"tokenType\":\"Bearer\",\"expiresAt\":\"2026-11-26T12:00:00Z\"}";

  private BaselineServer() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Javalin app = start(port);
    System.out.println("READY port=" + app.port());
    System.out.flush();
  }

  static Javalin start(int port) {
    return Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.routes.post(
                  "/v1/connections/{id}/token",
                  ctx -> ctx.contentType("application/json").result(BODY));
              config.routes.get("/health/ready", ctx -> ctx.result("{\"status\":\"ready\"}"));
            })
        .start("127.0.0.1", port);
  }
}
