package io.dockcount.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dockcount.store.AlertOutbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;

/**
 * Slack incoming webhook: a JSON {@code {"text": ...}} POST to the configured URL. The URL is a
 * secret (it is the credential) and is never logged. 429 and 5xx answers, timeouts and refused
 * connections are retried; other answers (400 invalid_payload, 403, 404 no_service) are not.
 */
public final class SlackWebhook implements Sender {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final AlertSettings.Slack settings;
  private final HttpClient http;

  /** @throws IllegalArgumentException when no webhook URL is configured, or it is not https/http */
  public SlackWebhook(AlertSettings.Slack settings, Map<String, String> environment) {
    String u = AlertSettings.secret(settings.urlEnv(), settings.urlFile(), environment);
    if (u == null || u.isEmpty()) {
      throw new IllegalArgumentException("dockcount.alerts.slack: no webhook URL: "
          + AlertSettings.notFound(settings.urlEnv(), settings.urlFile(), "webhook-url-env",
              "webhook-url-file"));
    }
    URI parsed;
    try {
      parsed = URI.create(u);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dockcount.alerts.slack: the webhook URL is not a URL",
          null);
    }
    if (!"https".equals(parsed.getScheme()) && !"http".equals(parsed.getScheme())) {
      throw new IllegalArgumentException("dockcount.alerts.slack: the webhook URL must be "
          + "https (or http to a local test server)");
    }
    this.url = parsed;
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  @Override
  public Result send(AlertOutbox.Delivery m) {
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("text", m.body()));
    } catch (IOException e) {
      return new Permanent("message cannot be written as JSON: " + e.getMessage());
    }
    HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      int s = r.statusCode();
      if (s >= 200 && s < 300) {
        return new Sent("slack " + s);
      }
      // An error page (a proxy's, say) may quote the request's URL: its path is the secret.
      String what = "Slack " + s + ": " + clip(redact(r.body()));
      return s == 429 || s >= 500 ? new Retry(what) : new Permanent(what);
    } catch (HttpTimeoutException e) {
      return new Retry("Slack: no answer within " + settings.timeout());
    } catch (java.net.ConnectException e) {
      // The host only: the webhook's path is its secret.
      return new Retry("Slack: cannot connect to " + url.getHost()
          + " (connection refused, or no network)");
    } catch (IOException e) {
      return new Retry("Slack: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + redact(e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Retry("Slack: interrupted");
    }
  }

  /** Replaces the webhook's path (its secret) wherever a text quotes it with {@code ***}. */
  private String redact(String text) {
    String path = url.getRawPath();
    if (text == null || path == null || path.length() < 2) {
      return text;
    }
    return text.replace(path, "/***").replace(url.getPath(), "/***");
  }

  private static String clip(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) : s;
  }
}
