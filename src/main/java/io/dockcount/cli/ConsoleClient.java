package io.dockcount.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.dockcount.console.ConsoleSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options and calls shared by the commands that talk to a running service through the console
 * API ({@code status}, {@code zone close}): where it is, and the API token, from the
 * environment variable {@value ConsoleSettings#TOKEN_ENV} or a file (never on the command line,
 * where other users of the machine could read it).
 */
final class ConsoleClient {
  /** Made on first use: picocli builds every subcommand, and `reconcile` needs no JSON. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  @Option(names = "--url", paramLabel = "URL",
      description = "The running service's console (default: the --config file's console "
          + "address, else " + DEFAULT_URL + ").")
  String url;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "File holding the API token (default: the environment variable "
          + ConsoleSettings.TOKEN_ENV + ", else the --config file's console.api-token-file).")
  Path tokenFile;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The site config `run` uses: the console's address and API token file are "
          + "read from it.")
  Path config;

  static final String DEFAULT_URL = "http://127.0.0.1:8080";

  /** The console settings of {@link #config}, read once; null without one. */
  private ConsoleSettings site;

  private ConsoleSettings site() {
    if (config != null && site == null) {
      try {
        site = ConsoleSettings.from(ServiceConfig.load(config, ConfigFactory.empty()).config, env);
      } catch (IllegalArgumentException e) {
        throw new InputException(config + ": " + e.getMessage(), e);
      }
    }
    return site;
  }

  /** Returns where the console is: --url, else the site config's address, else the default. */
  String url() {
    if (url != null) {
      return url;
    }
    ConsoleSettings s = site();
    if (s == null) {
      return DEFAULT_URL;
    }
    // A console bound to every address answers on loopback too.
    String host = s.host().equals("0.0.0.0") || s.host().equals("::") ? "127.0.0.1"
        : s.host().contains(":") ? "[" + s.host() + "]" : s.host();
    return (s.tls() == null ? "http" : "https") + "://" + host + ":" + s.port();
  }

  /** Environment, replaceable by tests. */
  Map<String, String> env = System.getenv();

  /** A JSON answer and its HTTP status. */
  record Answer(int status, JsonNode body) {}

  Answer get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  Answer post(String path) {
    return send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private URI uri(String path) {
    String u = url();
    String base = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    String scheme = base.toLowerCase(java.util.Locale.ROOT);
    if (!scheme.startsWith("http://") && !scheme.startsWith("https://")) {
      // 127.0.0.1:8080 reads as a URI of scheme "127.0.0.1" or "localhost", never as meant.
      throw new InputException("--url " + u + ": give the console's address as "
          + "http://HOST:PORT (https:// with TLS)");
    }
    try {
      return URI.create(base + path);
    } catch (IllegalArgumentException e) {
      throw new InputException("--url " + u + " is not a URL: " + e.getMessage(), e);
    }
  }

  private Answer send(HttpRequest.Builder request) {
    request.header("Authorization", "Bearer " + token()).timeout(Duration.ofSeconds(30));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = Json.MAPPER.readTree(r.body().isEmpty() ? "{}" : r.body());
      } catch (IOException e) {
        body = Json.MAPPER.createObjectNode().put("error", r.body());
      }
      return new Answer(r.statusCode(), body);
    } catch (ConnectException e) {
      throw new Unreachable("no service answers at " + url() + " (is `dockcount run` running, "
          + "with the console enabled?)");
    } catch (IOException e) {
      throw new Unreachable("cannot reach " + url() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while waiting for " + url());
    }
  }

  private String token() {
    String t;
    if (tokenFile != null) {
      try {
        t = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new InputException("--token-file " + tokenFile + " cannot be read: "
            + e.getMessage(), e);
      }
    } else {
      t = env.getOrDefault(ConsoleSettings.TOKEN_ENV, "").strip();
      if (t.isEmpty() && site() != null && site().apiToken() != null) {
        t = site().apiToken();
      }
    }
    if (t.isEmpty()) {
      throw new InputException("no API token: set " + ConsoleSettings.TOKEN_ENV
          + ", give --token-file, or --config with console.api-token-file");
    }
    return t;
  }

  /** The service could not be reached: exit code 1. */
  static final class Unreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message);
    }
  }

  /**
   * Sends a request and returns the command's exit code: 0 after {@code onOk} has printed the
   * answer, 1 when the service cannot be reached, else the code of the refusal.
   */
  static int exchange(java.util.function.Supplier<Answer> request, java.io.PrintWriter err,
      java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> onOk) {
    Answer a;
    try {
      a = request.get();
    } catch (Unreachable e) {
      err.println("dockcount: " + e.getMessage());
      return 1;
    }
    if (a.status() != 200) {
      return refused(a, err);
    }
    onOk.accept(a.body());
    return 0;
  }

  /** The exit codes of a console command, for its {@code --help} (picocli's key:text form). */
  static final String EXIT_DONE = "0:done";
  static final String EXIT_REFUSED = "1:the service cannot be reached, or refused as things "
      + "stand (HTTP 409, 5xx): may succeed later";
  static final String EXIT_WRONG = "2:the request is wrong: unknown zone or location (HTTP "
      + "404), a move a confirmed location can never make (422), bad input (400), refused "
      + "token (401), bad options";

  /**
   * Prints an error answer and returns the exit code for it: 2 when the request itself is at
   * fault (404, 400, 401) or can never be done (422), which asking again will not mend, else 1
   * (a refusal as things stand, 409, or the service failing), which a script may try again.
   */
  static int refused(Answer a, java.io.PrintWriter err) {
    err.println("dockcount: the service refused (HTTP " + a.status() + "): "
        + a.body().path("error").asText("no reason given"));
    int s = a.status();
    return s == 401 || s == 400 || s == 404 || s == 422 ? 2 : 1;
  }
}
