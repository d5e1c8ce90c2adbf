package io.dockcount.alert;

import com.typesafe.config.ConfigFactory;
import java.util.Map;

/** Alert settings for tests: the defaults with the given keys (under dockcount.alerts) set. */
final class AlertTestConfig {
  static final String SID = "AC00000000000000000000000000000001";
  static final String TOKEN = "test-token-5f2a";
  static final String PHONE = "+15551234567";

  private AlertTestConfig() {}

  static AlertSettings settings(String hocon) {
    return AlertSettings.from(ConfigFactory.parseString("dockcount.alerts { " + hocon + " }")
        .withFallback(ConfigFactory.defaultReference()).resolve());
  }

  /** SMS and Slack through the local server, the token and webhook URL from a fake env. */
  static AlertSettings local(LocalHttp http, String more) {
    return settings("dry-run = false\n"
        + "sms.api-base-url = \"" + http.baseUrl() + "\"\n"
        + "sms.accounts.default { account-sid = " + SID + ", auth-token-env = TWILIO_TOKEN, "
        + "from = \"+15550001111\" }\n"
        + "sms.read-timeout = 5s\n"
        + "slack.timeout = 5s\n"
        + "supervisors { A = [\"" + PHONE + "\"] }\n"
        + "retry { min-backoff = 20ms, max-backoff = 100ms }\n"
        + "poll-interval = 50ms\n" + more);
  }

  static Map<String, String> env(LocalHttp http) {
    return Map.of("TWILIO_TOKEN", TOKEN, "DOCKCOUNT_SLACK_WEBHOOK_URL",
        http.baseUrl() + "/services/T000/B000/XXXX");
  }
}
