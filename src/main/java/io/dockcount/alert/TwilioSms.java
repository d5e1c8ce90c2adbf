package io.dockcount.alert;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.dockcount.store.AlertOutbox;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS through the Twilio SDK: one {@link TwilioRestClient} per configured account (never the
 * SDK's global {@code Twilio.init}), each with its own HTTP client. Every message carries a
 * validity period, so Twilio drops it rather than deliver it late.
 *
 * <p>Rate limits (429), server errors (5xx), timeouts and refused connections are
 * {@link Sender.Retry}; anything else Twilio refuses, opted-out (21610) and invalid numbers
 * (21211) included, is {@link Sender.Permanent}. The SDK's own retries are switched off: the
 * outbox retries with backoff and keeps count.
 */
public final class TwilioSms implements Sender {
  private static final Logger log = LoggerFactory.getLogger(TwilioSms.class);

  private final AlertSettings.Sms settings;
  private final Map<String, TwilioRestClient> clients = new TreeMap<>();

  /**
   * @param environment where auth tokens are read from (the process environment in production)
   * @throws IllegalArgumentException when an account has no auth token
   */
  public TwilioSms(AlertSettings.Sms settings, Map<String, String> environment) {
    this.settings = settings;
    for (AlertSettings.Account a : settings.accounts().values()) {
      String token = AlertSettings.secret(a.tokenEnv(), a.tokenFile(), environment);
      if (token == null || token.isEmpty()) {
        throw new IllegalArgumentException("dockcount.alerts.sms.accounts." + a.name()
            + ": no auth token: " + AlertSettings.notFound(a.tokenEnv(), a.tokenFile(),
                "auth-token-env", "auth-token-file"));
      }
      HttpClient http = new SingleAttemptClient(settings.connectTimeout(),
          settings.readTimeout(), settings.apiBaseUrl());
      clients.put(a.name(), new TwilioRestClient.Builder(a.accountSid(), token)
          .httpClient(http).build());
      log.info("sms: Twilio account '{}' ready ({}){}", a.name(), a.accountSid(),
          settings.apiBaseUrl().isEmpty() ? "" : " via " + settings.apiBaseUrl());
    }
  }

  @Override
  public Result send(AlertOutbox.Delivery m) {
    String accountName = settings.accountForZone().getOrDefault(m.zone(), "default");
    AlertSettings.Account account = settings.accounts().get(accountName);
    if (account == null) {
      return new Permanent("no Twilio account '" + accountName + "' for zone " + m.zone());
    }
    PhoneNumber to = new PhoneNumber(m.recipient());
    MessageCreator creator = account.from().isEmpty()
        ? Message.creator(account.accountSid(), to, account.messagingServiceSid(), m.body())
        : Message.creator(account.accountSid(), to, new PhoneNumber(account.from()), m.body());
    creator.setValidityPeriod((int) settings.validityPeriod().getSeconds());
    try {
      Message sent = creator.create(clients.get(accountName));
      return new Sent(sent.getSid());
    } catch (ApiConnectionException e) {
      return new Retry("no answer from Twilio: " + e.getMessage());
    } catch (ApiException e) {
      Integer status = e.getStatusCode();
      if ((status == null || status == 0)
          && clients.get(accountName).getHttpClient() instanceof SingleAttemptClient c
          && c.lastStatus > 0) {
        // The SDK takes the status from the error's body, which may not say it (a proxy's
        // or gateway's 5xx): the HTTP status line does.
        status = c.lastStatus;
      }
      String what = "Twilio " + (status == null ? "" : status + " ")
          + (e.getCode() == null ? "" : "error " + e.getCode() + ": ") + e.getMessage();
      if (status == null || status == 429 || status >= 500) {
        return new Retry(what);
      }
      return new Permanent(what);
    } catch (TwilioException e) {
      return new Retry("Twilio: " + e.getMessage());
    }
  }

  /**
   * The SDK's network client, one attempt per call, with our timeouts, and, when a base URL is
   * configured, every request sent there instead of Twilio's host (tests use a local server).
   */
  static final class SingleAttemptClient extends HttpClient {
    private final NetworkHttpClient network;
    private final URI base;

    SingleAttemptClient(Duration connect, Duration read, String baseUrl) {
      // LIMITATION: the SDK sets a 30.5 s connect timeout on each request, over this one; a
      // refused connection fails at once, a silent host only after that.
      ConnectionConfig connection = ConnectionConfig.custom()
          .setConnectTimeout(Timeout.of(connect))
          .setSocketTimeout(Timeout.of(read))
          .build();
      HttpClientBuilder builder = HttpClientBuilder.create()
          .disableAutomaticRetries()
          .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
              .setDefaultConnectionConfig(connection)
              .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(read))
                  .build())
              .build());
      this.network = new NetworkHttpClient(builder);
      this.base = baseUrl == null || baseUrl.isBlank() ? null : URI.create(baseUrl);
    }

    /** The HTTP status of the last answer, 0 before one; one message is sent at a time. */
    volatile int lastStatus;

    @Override
    public Response makeRequest(Request request) {
      lastStatus = 0;
      Response r = network.makeRequest(base == null ? request : redirect(request));
      lastStatus = r.getStatusCode();
      return r;
    }

    @Override
    public Response reliableRequest(Request request) {
      return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries,
        long delayMillis) {
      return makeRequest(request);
    }

    private Request redirect(Request r) {
      URI original = URI.create(r.getUrl());
      Request out = new Request(r.getMethod(), base.resolve(original.getRawPath()).toString());
      r.getPostParams().forEach((k, vs) -> vs.forEach(v -> out.addPostParam(k, v)));
      r.getQueryParams().forEach((k, vs) -> vs.forEach(v -> out.addQueryParam(k, v)));
      r.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> out.addHeaderParam(k, v)));
      if (r.getAuthStrategy() != null) {
        out.setAuth(r.getAuthStrategy());
      } else if (r.getUsername() != null) {
        out.setAuth(r.getUsername(), r.getPassword());
      }
      List<String> agent = r.getUserAgentExtensions();
      if (agent != null) {
        out.setUserAgentExtensions(agent);
      }
      return out;
    }
  }
}
