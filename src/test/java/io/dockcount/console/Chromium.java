package io.dockcount.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Debian's headless Chromium driven over the DevTools protocol from Java (no Node): started with
 * a fresh profile and a DevTools port on loopback that Chromium picks, one page, every request
 * URL the page makes recorded. Close it at the end.
 */
final class Chromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> requested = Collections.synchronizedList(new ArrayList<>());

  /**
   * Starts Chromium on {@code profile}; once more on a fresh profile beside it when the first
   * does not answer its DevTools calls at all (a headless start on a loaded 2-core machine has
   * hung so, once, before any page of ours was asked for).
   */
  static Chromium start(Path profile) throws Exception {
    try {
      return new Chromium(profile);
    } catch (java.util.concurrent.TimeoutException hung) {
      return new Chromium(profile.resolveSibling(profile.getFileName() + "-again"));
    }
  }

  private Chromium(Path profile) throws Exception {
    process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--disable-default-apps", "--disable-domain-reliability", "--no-default-browser-check",
        "--disable-client-side-phishing-detection", "--disable-features=Translate,MediaRouter",
        "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0", "--window-size=1280,1000", "about:blank")
        .redirectErrorStream(true)
        .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
        .start();
    try {
      int port = devToolsPort(profile.resolve("DevToolsActivePort"));
      socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create(pageSocket(port)), new Listener())
          .get(30, TimeUnit.SECONDS);
      call("Network.enable", JSON.createObjectNode());
      call("Page.enable", JSON.createObjectNode());
    } catch (Exception e) {
      process.destroy();
      throw e;
    }
  }

  /** Waits (with a deadline) for Chromium to write the port it listens on into its profile. */
  private int devToolsPort(Path file) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (WatchService watch = file.getFileSystem().newWatchService()) {
      file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY);
      while (true) {
        if (Files.exists(file)) {
          List<String> lines = Files.readAllLines(file);
          if (!lines.isEmpty() && !lines.get(0).isBlank()) {
            return Integer.parseInt(lines.get(0).strip());
          }
        }
        if (!process.isAlive()) {
          throw new IllegalStateException("chromium exited with " + process.exitValue());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("chromium wrote no DevToolsActivePort within 30s");
        }
        WatchKey key = watch.poll(Math.min(left, 500_000_000L), TimeUnit.NANOSECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
  }

  private static String pageSocket(int port) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
        HttpResponse.BodyHandlers.ofString());
    for (JsonNode t : JSON.readTree(r.body())) {
      if (t.get("type").asText().equals("page")) {
        return t.get("webSocketDebuggerUrl").asText();
      }
    }
    throw new IllegalStateException("chromium has no page: " + r.body());
  }

  /** Calls a DevTools method and returns its result; a protocol error is thrown. */
  JsonNode call(String method, ObjectNode params) throws Exception {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    socket.sendText(JSON.writeValueAsString(msg), true);
    JsonNode r = reply.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + ": " + r.get("error"));
    }
    return r.get("result");
  }

  void navigate(String url) throws Exception {
    call("Page.navigate", JSON.createObjectNode().put("url", url));
  }

  /** Evaluates JavaScript in the page (promises awaited) and returns its value. */
  JsonNode eval(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("awaitPromise", true).put("returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("page script failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /**
   * Waits until the JavaScript condition holds in the page, checking every 50 ms inside the
   * page; throws when it still does not after {@code timeout}.
   */
  void await(String condition, Duration timeout) throws Exception {
    String js = "new Promise(done => { const t0 = Date.now(); const check = () => { let ok = "
        + "false; try { ok = !!(" + condition + "); } catch (e) {} if (ok) done(true); else if "
        + "(Date.now() - t0 > " + timeout.toMillis() + ") done(false); else setTimeout(check, "
        + "50); }; check(); })";
    if (!eval(js).asBoolean()) {
      throw new AssertionError("within " + timeout + " the page never showed: " + condition
          + "\npage text:\n" + eval("document.body.innerText").asText());
    }
  }

  /** Types into the element as a user would (focus, then text input). */
  void type(String selector, String text) throws Exception {
    eval("document.querySelector(" + JSON.writeValueAsString(selector) + ").focus()");
    call("Input.insertText", JSON.createObjectNode().put("text", text));
  }

  void click(String selector) throws Exception {
    eval("document.querySelector(" + JSON.writeValueAsString(selector) + ").click()");
  }

  /** Renders the page as a 10-inch tablet held upright (800 x 1280 CSS pixels). */
  void tablet() throws Exception {
    call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", 800)
        .put("height", 1280).put("deviceScaleFactor", 1).put("mobile", true));
  }

  void screenshot(Path file) throws Exception {
    JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
  }

  /** Returns every URL the page has requested so far. */
  List<String> requested() {
    synchronized (requested) {
      return List.copyOf(requested);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
      }
    } finally {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder frame = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      frame.append(data);
      if (last) {
        dispatch(frame.toString());
        frame.setLength(0);
      }
      ws.request(1);
      return null;
    }

    private void dispatch(String text) {
      try {
        JsonNode msg = JSON.readTree(text);
        if (msg.has("id")) {
          CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asLong());
          if (f != null) {
            f.complete(msg);
          }
        } else if (msg.path("method").asText().equals("Network.requestWillBeSent")) {
          requested.add(msg.path("params").path("request").path("url").asText());
        }
      } catch (IOException e) {
        pending.values().forEach(f -> f.completeExceptionally(e));
      }
    }
  }
}
