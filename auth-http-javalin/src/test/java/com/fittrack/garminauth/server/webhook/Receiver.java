package com.fittrack.garminauth.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * A real HTTP webhook receiver on loopback for the tests: checks every request's signature with the
 * {@link IndependentVerifier}, records it, and answers with the status a test sets.
 */
public final class Receiver implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  public record Hit(
      String id, String timestamp, String body, boolean signatureValid, int answered) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    public String userId() {
      return json().at("/data/userId").asText();
    }

    public long sequence() {
      return json().at("/data/sequence").asLong();
    }

    public String type() {
      return json().at("/type").asText();
    }
  }

  private final HttpServer server;
  private final IndependentVerifier verifier;
  public final List<Hit> hits = new CopyOnWriteArrayList<>();

  /** The webhook-id of every request, recorded as it arrives (before it is answered). */
  public final List<String> arrivals = new CopyOnWriteArrayList<>();

  public volatile IntSupplier answer = () -> 204;

  public Receiver(String whsecSecret) throws IOException {
    this.verifier = new IndependentVerifier(whsecSecret);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/hooks",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String id = exchange.getRequestHeaders().getFirst("webhook-id");
          String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
          String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
          arrivals.add(String.valueOf(id));
          boolean valid =
              id != null && ts != null && sig != null && verifier.verifies(id, ts, body, sig);
          int status = answer.getAsInt();
          hits.add(new Hit(id, ts, body, valid, status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
  }

  /** The requests answered with a 2xx. */
  public List<Hit> accepted() {
    return hits.stream().filter(h -> h.answered() >= 200 && h.answered() < 300).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
