package io.dockcount.console;

import static io.dockcount.console.Json.obj;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.RemoteAddress;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.ContentDisposition;
import akka.http.javadsl.model.headers.ContentDispositionTypes;
import akka.http.javadsl.model.headers.HttpCookie;
import akka.http.javadsl.model.headers.HttpCookiePair;
import akka.http.javadsl.model.headers.RawHeader;
import akka.http.javadsl.model.headers.SameSite;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.ExceptionHandler;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.Route;
import akka.http.javadsl.unmarshalling.Unmarshaller;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.duration.FiniteDuration;

/**
 * The console's HTTP routes: the web app from the jar under {@code /}, the JSON API under
 * {@code /api}.
 *
 * <p>Access: reading needs a session or the API token, unless {@code open-view} is on; acting
 * always needs one. A browser session is a random id in an HttpOnly, SameSite=Strict cookie,
 * and every state-changing request from it must also carry the session's CSRF token in the
 * {@code X-CSRF-Token} header. Scripts send {@code Authorization: Bearer <token>} instead and
 * need no cookie or CSRF token. Failed logins are rate limited per user name and per address and
 * logged without the password.
 */
final class ConsoleRoutes extends AllDirectives {
  private static final Logger log = LoggerFactory.getLogger(ConsoleRoutes.class);

  static final String COOKIE = "dockcount_session";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final long MAX_BODY = 64 * 1024;

  /** A checked caller: a supervisor's session or the API token. */
  private record Principal(String who, String via, Sessions.Session session) {
    ConsoleBackend.Actor actor() {
      return new ConsoleBackend.Actor(who, via);
    }
  }

  private final ConsoleBackend backend;
  private final ConsoleSettings settings;
  private final Sessions sessions;
  private final LoginLimiter limiter;
  /** Checked against unknown user names so they take as long as known ones. */
  private final String decoy;
  private final java.util.concurrent.Executor passwordChecks;

  ConsoleRoutes(ConsoleBackend backend, ConsoleSettings settings, Clock clock) {
    this.backend = backend;
    this.settings = settings;
    this.sessions = new Sessions(clock, settings.sessionIdle(), settings.sessionMax());
    this.limiter = new LoginLimiter(clock, settings.maxFailedLogins(),
        settings.failedLoginWindow());
    this.decoy = Passwords.hash("decoy".toCharArray(), Passwords.DEFAULT_ITERATIONS);
    this.passwordChecks = backend.passwordChecks();
  }

  Route routes() {
    List<HttpHeader> headers = List.of(
        RawHeader.create("X-Content-Type-Options", "nosniff"),
        RawHeader.create("X-Frame-Options", "DENY"),
        RawHeader.create("Referrer-Policy", "no-referrer"),
        RawHeader.create("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'"),
        RawHeader.create("Cache-Control", "no-store"));
    return respondWithHeaders(headers, () -> handleExceptions(errors(), () -> concat(
        pathSingleSlash(() -> get(() ->
            getFromResource("console/index.html", ContentTypes.TEXT_HTML_UTF8))),
        pathPrefix("static", () -> get(() -> getFromResourceDirectory("console"))),
        // Bodies are read whole before routing (64 KiB at most: requests here are small).
        // Answers are gzipped for a client that asks: a zone's page is megabytes of JSON,
        // fetched every 2 s while it changes, over the dock's Wi-Fi.
        pathPrefix("api", () -> encodeResponse(() -> sizeChecked(() -> toStrictEntity(
            FiniteDuration.create(5, TimeUnit.SECONDS), MAX_BODY, () ->
                sameOrigin(this::api))))))));
  }

  private Route api() {
    return concat(
        path("login", () -> post(this::login)),
        path("logout", () -> post(() -> acting(this::logout))),
        path("session", () -> get(() -> principal(this::session))),
        path("overview", () -> get(() -> viewing(() -> json(backend.overview())))),
        path("recounts", () -> get(() -> viewing(() -> json(backend.recounts())))),
        path("stations", () -> get(() -> viewing(() -> json(backend.stations())))),
        path("actions", () -> get(() -> viewing(() -> json(backend.actions())))),
        pathPrefix("reports", () -> path(PathMatchers.segment(), this::report)),
        pathPrefix("zones", () -> pathPrefix(PathMatchers.segment(), this::zone)),
        pathPrefix("locations", () -> pathPrefix(PathMatchers.segment(), this::location)),
        pathPrefix("tasks", () -> path(PathMatchers.longSegment().slash("resend"), this::task)));
  }

  private Route zone(String zone) {
    return concat(
        pathEnd(() -> get(() -> viewing(() -> view(backend.zone(zone).thenApply(
            r -> new Answer(r.status(), r.body())))))),
        path("close", () -> post(() -> acting(p -> result(backend.closeZone(zone,
            p.actor()))))));
  }

  private Route location(String location) {
    return concat(
        path("accept", () -> post(() -> acting(p -> body(b -> result(backend.accept(location,
            Json.text(b, "reason"), Json.text(b, "note"), p.actor())))))),
        path("send-back", () -> post(() -> acting(p -> body(b -> result(backend.sendBack(
            location, Json.text(b, "reason"), Json.text(b, "note"), p.actor())))))),
        path("confirm", () -> post(() -> acting(p -> result(backend.confirm(location,
            p.actor()))))));
  }

  private Route task(Long id) {
    return post(() -> acting(p -> result(backend.resend(id, p.actor()))));
  }

  // ---- login ------------------------------------------------------------------------------

  private Route login() {
    return extractClientIP(ip -> body(b -> {
      String user = Json.text(b, "user");
      String password = Json.text(b, "password");
      if (user == null || user.isBlank() || password == null || password.isEmpty()) {
        throw new Json.BadRequest("user and password are required");
      }
      String name = user.strip();
      String address = address(ip);
      Duration wait = limiter.wait(name, address);
      if (!wait.isZero()) {
        log.warn("console: login for user {} from {} refused: too many failed logins, "
            + "{}s to wait", printable(name), address, wait.toSeconds() + 1);
        return complete(response(429, obj("error", "too many failed logins; try again in "
            + (wait.toSeconds() + 1) + "s")).addHeader(RawHeader.create("Retry-After",
                Long.toString(wait.toSeconds() + 1))));
      }
      String hash = settings.users().get(name);
      char[] secret = password.toCharArray();
      CompletionStage<Boolean> ok = CompletableFuture.supplyAsync(() -> {
        try {
          boolean match = Passwords.verify(secret, hash == null ? decoy : hash);
          return match && hash != null;
        } finally {
          Passwords.wipe(secret);
        }
      }, passwordChecks);
      return onSuccess(ok, match -> match ? loggedIn(name) : loginFailed(name, address));
    }));
  }

  private Route loggedIn(String name) {
    limiter.succeeded(name);
    Sessions.Session s = sessions.start(name);
    log.info("console: {} logged in", name);
    HttpCookie cookie = HttpCookie.create(COOKIE, s.id()).withPath("/").withHttpOnly(true)
        .withSameSite(SameSite.Strict).withMaxAge(sessions.max().toSeconds())
        .withSecure(settings.tls() != null);
    ConsoleBackend.Actor actor = new ConsoleBackend.Actor(name, "SESSION");
    // The action log keeps who logged in, never the session's CSRF token (the log is readable
    // by every viewer, and anonymously with open-view).
    return setCookie(cookie, () -> result(backend.record(actor, "LOGIN", "", null,
        new ConsoleBackend.Result(200, obj("user", name)))
        .thenApply(recorded -> new ConsoleBackend.Result(200,
            obj("user", name, "csrf", s.csrf())))));
  }

  private Route loginFailed(String name, String address) {
    int failures = limiter.failed(name, address);
    log.warn("console: failed login for user {} from {} ({} within {})", printable(name),
        address, failures, settings.failedLoginWindow());
    ConsoleBackend.Actor actor = new ConsoleBackend.Actor(printable(name), "SESSION");
    return result(backend.record(actor, "LOGIN", "", null,
        new ConsoleBackend.Result(401, obj("error", "unknown user or wrong password"))));
  }

  private Route logout(Principal p) {
    if (p.session() != null) {
      sessions.end(p.session().id());
    }
    return deleteCookie(COOKIE, () -> result(backend.record(p.actor(), "LOGOUT", "", null,
        new ConsoleBackend.Result(200, obj("user", p.who(), "loggedOut", true)))));
  }

  private Route session(Optional<Principal> p) {
    return complete(response(200, obj("user", p.map(Principal::who).orElse(null),
        "via", p.map(Principal::via).orElse(null),
        "csrf", p.map(x -> x.session() == null ? null : x.session().csrf()).orElse(null),
        "openView", settings.openView(), "reasonCodes", settings.reasonCodes())));
  }

  // ---- access -----------------------------------------------------------------------------

  private static final String NO_TOKEN = "this service has no API token: set "
      + "console.api-token-file in its config (or DOCKCOUNT_API_TOKEN in its environment) and "
      + "restart it";

  /** Finds the caller: a valid bearer token or a live session; a wrong token is refused. */
  private Route principal(Function<Optional<Principal>, Route> inner) {
    return optionalHeaderValueByName("Authorization", auth -> optionalCookie(COOKIE, cookie -> {
      if (auth.isPresent()) {
        String token = auth.get().startsWith("Bearer ") ? auth.get().substring(7).strip() : "";
        if (settings.apiToken() == null) {
          // Said apart from a wrong token: no token can pass until the service is given one.
          log.warn("console: API call refused: this service has no API token set");
          return complete(response(401, obj("error", NO_TOKEN)));
        }
        if (!constantTimeEquals(token, settings.apiToken())) {
          log.warn("console: API call with a wrong or unknown token refused");
          return complete(response(401, obj("error", "wrong API token")));
        }
        return inner.apply(Optional.of(new Principal("api-token", "TOKEN", null)));
      }
      Sessions.Session s = cookie.map(HttpCookiePair::value).map(sessions::find).orElse(null);
      return inner.apply(Optional.ofNullable(s)
          .map(x -> new Principal(x.user(), "SESSION", x)));
    }));
  }

  private Route viewing(Supplier<Route> inner) {
    return principal(p -> p.isPresent() || settings.openView() ? inner.get()
        : complete(response(401, obj("error", "log in to view"))));
  }

  private Route acting(Function<Principal, Route> inner) {
    return principal(p -> {
      if (p.isEmpty()) {
        return complete(response(401, obj("error", "log in to act")));
      }
      if (p.get().session() == null) {
        return inner.apply(p.get());
      }
      return optionalHeaderValueByName(CSRF_HEADER, csrf ->
          Sessions.csrfMatches(p.get().session(), csrf.orElse(null)) ? inner.apply(p.get())
              : complete(response(403, obj("error", "missing or wrong " + CSRF_HEADER
                  + " header"))));
    });
  }

  // ---- responses --------------------------------------------------------------------------

  private Route body(Function<JsonNode, Route> inner) {
    return entity(Unmarshaller.entityToString(), text -> inner.apply(Json.parseObject(text)));
  }

  private Route json(CompletionStage<?> view) {
    return view(view.thenApply(v -> new Answer(200, v)));
  }

  /** A status and the body to send as JSON. */
  record Answer(int status, Object body) {}

  /**
   * A page's data, tagged with a hash of its bytes ({@code ETag}): the console polls every 2 s,
   * and a zone's answer is a megabyte or more, so an answer the page already has is a bodiless
   * 304 (the page sends back the tag it last drew, {@code If-None-Match}).
   */
  private Route view(CompletionStage<Answer> r) {
    return optionalHeaderValueByName("If-None-Match", drawn -> completeWithFuture(
        r.thenApply(x -> tagged(x, drawn)).exceptionally(this::failed)));
  }

  static HttpResponse tagged(Answer r, Optional<String> drawn) {
    byte[] bytes = Json.bytes(r.body());
    if (r.status() != 200) {
      return HttpResponse.create().withStatus(StatusCodes.get(r.status()))
          .withEntity(ContentTypes.APPLICATION_JSON, bytes);
    }
    // The time of the answer ("now") alone does not make it another answer.
    String tag = r.body() instanceof Map<?, ?> m && m.containsKey("now")
        ? etag(Json.bytes(withoutNow(m))) : etag(bytes);
    if (drawn.isPresent() && drawn.get().equals(tag)) {
      return HttpResponse.create().withStatus(StatusCodes.NOT_MODIFIED)
          .addHeader(RawHeader.create("ETag", tag));
    }
    return HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, bytes)
        .addHeader(RawHeader.create("ETag", tag));
  }

  private static Map<Object, Object> withoutNow(Map<?, ?> body) {
    Map<Object, Object> copy = new java.util.LinkedHashMap<>(body);
    copy.remove("now");
    return copy;
  }

  /** A strong tag: the first 16 bytes of the SHA-256 of the answer, quoted. */
  static String etag(byte[] bytes) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
      return '"' + java.util.HexFormat.of().formatHex(d, 0, 16) + '"';
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }

  private Route result(CompletionStage<ConsoleBackend.Result> r) {
    return completeWithFuture(r.thenApply(x -> response(x.status(), x.body()))
        .exceptionally(this::failed));
  }

  private Route report(String file) {
    return get(() -> viewing(() -> csv(file)));
  }

  private Route csv(String file) {
    String name = file.endsWith(".csv") ? file.substring(0, file.length() - 4) : "";
    if (!Reports.NAMES.contains(name)) {
      return complete(response(404, obj("error", "no report " + file + "; there are "
          + Reports.NAMES.stream().sorted().map(n -> n + ".csv").toList())));
    }
    CompletionStage<HttpResponse> csv = CompletableFuture.supplyAsync(
        () -> Reports.write(name, backend.queries(), backend.scheme()), backend.blocking())
        .thenApply(bytes -> HttpResponse.create()
            .withEntity(ContentTypes.TEXT_CSV_UTF8, bytes)
            .addHeader(ContentDisposition.create(ContentDispositionTypes.ATTACHMENT,
                Map.of("filename", file))));
    return completeWithFuture(csv.exceptionally(this::failed));
  }

  private HttpResponse failed(Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof TimeoutException) {
      log.warn("console: the service did not answer in time: {}", cause.getMessage());
      return response(503, obj("error", "the service did not answer within "
          + settings.askTimeout().toMillis() + " ms; try again"));
    }
    log.error("console: request failed", cause);
    // A store that cannot be read may be the one that failed: say so, from memory.
    String store = backend.queries().writeFailure();
    return response(500, obj("error", (store == null ? "" : store + "; ")
        + "internal error: " + cause.getMessage()));
  }

  private ExceptionHandler errors() {
    return ExceptionHandler.newBuilder()
        .match(Json.BadRequest.class, e -> complete(response(400, obj("error", e.getMessage()))))
        .build();
  }

  /**
   * Refuses a request whose {@code Origin} (sent by browsers on cross-site and same-site POSTs)
   * names another site than the {@code Host} it was sent to: a second line of defence beside the
   * SameSite cookie and CSRF token, and the only one for the login form itself.
   */
  private Route sameOrigin(Supplier<Route> inner) {
    return optionalHeaderValueByName("Origin", origin -> optionalHeaderValueByName("Host",
        host -> {
          if (origin.isEmpty()) {
            return inner.get();
          }
          String o = origin.get().replaceFirst("^https?://", "");
          if (host.isPresent() && o.equalsIgnoreCase(host.get())) {
            return inner.get();
          }
          log.warn("console: cross-site request from {} refused", printable(origin.get()));
          return complete(response(403, obj("error", "cross-site request refused")));
        }));
  }

  /** A body declared over {@link #MAX_BODY} is answered 413 before it is read. */
  private Route sizeChecked(Supplier<Route> inner) {
    return extractRequestEntity(e -> e.getContentLengthOption().orElse(0L) > MAX_BODY
        ? complete(response(413, obj("error", "the body is larger than " + MAX_BODY / 1024
            + " KiB")))
        : inner.get());
  }

  static HttpResponse response(int status, Object body) {
    return HttpResponse.create().withStatus(StatusCodes.get(status))
        .withEntity(ContentTypes.APPLICATION_JSON, Json.bytes(body));
  }

  private static String address(RemoteAddress ip) {
    return ip.getAddress().map(a -> a.getHostAddress()).orElse("unknown");
  }

  /** A user name as typed, safe for a log line: control characters replaced, clipped. */
  private static String printable(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= 64 ? clean : clean.substring(0, 64) + "...";
  }

  private static boolean constantTimeEquals(String a, String b) {
    return java.security.MessageDigest.isEqual(
        a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
