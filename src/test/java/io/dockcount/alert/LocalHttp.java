package io.dockcount.alert;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server on loopback and a port of its own, standing in for Twilio's Messages
 * endpoint and a Slack webhook: it records every request and answers from a script (201 with
 * a message SID when the script is empty).
 */
final class LocalHttp implements AutoCloseable {
  /** A request as received: method, path, headers (lower-case names), body and form fields. */
  record Received(String method, String path, Map<String, String> headers, String body,
      Map<String, String> form, long nanos) {}

  /** One scripted answer; {@code hold} makes the server wait on it before answering. */
  record Answer(int status, String body, CountDownLatch hold) {}

  private final HttpServer server;
  private final BlockingDeque<Received> received = new LinkedBlockingDeque<>();
  private final BlockingDeque<Answer> script = new LinkedBlockingDeque<>();
  private final List<Received> all = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<Received> taken =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private int sid;
  private int failedInARow;

  LocalHttp() throws IOException {
    this(0);
  }

  /** On loopback port {@code port} (0 for any free one). */
  LocalHttp(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues answers for the next requests, in order. */
  void answer(Answer... answers) {
    script.addAll(List.of(answers));
  }

  static Answer twilioError(int status, int code, String message) {
    return new Answer(status, "{\"code\": " + code + ", \"message\": \"" + message
        + "\", \"more_info\": \"https://www.twilio.com/docs/errors/" + code + "\", \"status\": "
        + status + "}", null);
  }

  /** How many answers in a row were not 2xx, up to now: how long the endpoint is down. */
  synchronized int failedInARow() {
    return failedInARow;
  }

  /** How many queued answers are still to be given. */
  int scripted() {
    return script.size();
  }

  /** Takes the next request, waiting up to {@code wait}; fails the test if none came. */
  Received take(Duration wait) throws InterruptedException {
    Received r = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (r == null) {
      throw new AssertionError("no request reached the local server within " + wait);
    }
    return r;
  }

  /** Every request so far. */
  List<Received> all() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  /** Every request answered with a 2xx status so far: the ones the provider took. */
  List<Received> taken() {
    synchronized (taken) {
      return List.copyOf(taken);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    long now = System.nanoTime();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
    Map<String, String> form = new LinkedHashMap<>();
    if (headers.getOrDefault("content-type", "").startsWith("application/x-www-form")) {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    Received r = new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers,
        body, form, now);
    all.add(r);
    received.add(r);
    Answer a = script.poll();
    if (a == null) {
      a = new Answer(201, created(r), null);
    }
    synchronized (this) {
      if (a.status() / 100 == 2) {
        taken.add(r);
        failedInARow = 0;
      } else {
        failedInARow++;
      }
    }
    if (a.hold() != null) {
      try {
        a.hold().await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    try {
      ex.sendResponseHeaders(a.status(), out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    } catch (IOException clientGone) {
      // The client timed out and closed the connection: nothing to answer.
    } finally {
      ex.close();
    }
  }

  private synchronized String created(Received r) {
    String id = String.format("SM%032d", ++sid);
    return "{\"sid\": \"" + id + "\", \"status\": \"queued\", \"to\": \""
        + r.form().getOrDefault("To", "") + "\", \"body\": \"sent\"}";
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
