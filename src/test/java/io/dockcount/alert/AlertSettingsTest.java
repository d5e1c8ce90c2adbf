package io.dockcount.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading and checking dockcount.alerts. */
final class AlertSettingsTest {

  @Test
  void defaults_areDryRunWithRadioOff_andTheDocumentedPins() {
    AlertSettings s = AlertTestConfig.settings("");

    assertTrue(s.dryRun());
    assertFalse(s.radio().enabled());
    assertEquals(17, s.radio().pttPin());
    assertEquals(27, s.radio().chimePin());
    assertEquals(List.of("pinctrl-rp1", "pinctrl-bcm2711"), s.radio().expectedChipLabels());
    assertEquals(Set.of(AlertSettings.Channel.RADIO, AlertSettings.Channel.SMS,
        AlertSettings.Channel.SLACK), s.channels().get(Alert.Kind.HIGH_VALUE));
    assertEquals("", s.sms().apiBaseUrl(), "production talks to the SDK's own host only");
  }

  @Test
  void supervisors_perZone_withAFallback() {
    AlertSettings s = AlertTestConfig.settings(
        "supervisors { A = [\"+15551230001\"], \"*\" = [\"+15551230009\"] }");

    assertEquals(List.of("+15551230001"), s.supervisorsOf("A"));
    assertEquals(List.of("+15551230009"), s.supervisorsOf("COLD ROOM"));
  }

  @Test
  void badPhoneNumber_isRefusedWithTheNumberMasked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AlertTestConfig.settings("supervisors { A = [\"555-123-4567\"] }"));

    assertEquals("dockcount.alerts.supervisors.A: '55******4567' is not a phone number in "
        + "E.164 form (+15551234567)", e.getMessage());
  }

  @Test
  void unknownChannel_andAccountWithBothSenders_areRefused() {
    IllegalArgumentException channel = assertThrows(IllegalArgumentException.class,
        () -> AlertTestConfig.settings("channels.recount = [pager]"));
    IllegalArgumentException account = assertThrows(IllegalArgumentException.class,
        () -> AlertTestConfig.settings("sms.accounts.default { account-sid = AC1, "
            + "from = \"+15550001111\", messaging-service-sid = MG1 }"));

    assertTrue(channel.getMessage().startsWith("dockcount.alerts.channels.recount: unknown "
        + "channel 'pager'"), channel.getMessage());
    assertTrue(account.getMessage().startsWith("dockcount.alerts.sms.accounts.default: set "
        + "exactly one of from and messaging-service-sid"), account.getMessage());
  }

  @Test
  void quietHours_spanningMidnight() {
    AlertSettings.QuietHours q = AlertTestConfig.settings(
        "quiet-hours { start = \"22:00\", end = \"06:00\", zone-id = UTC }").quietHours();

    assertTrue(q.contains(Instant.parse("2026-03-02T23:59:00Z")));
    assertTrue(q.contains(Instant.parse("2026-03-03T05:59:00Z")));
    assertFalse(q.contains(Instant.parse("2026-03-03T06:00:00Z")));
    assertFalse(q.contains(Instant.parse("2026-03-03T12:00:00Z")));
  }

  @Test
  void maxKey_mustExceedLeadAndTail() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AlertTestConfig.settings("radio { lead = 1s, tail = 1s, max-key = 2s }"));

    assertTrue(e.getMessage().startsWith("dockcount.alerts.radio.max-key"), e.getMessage());
  }

  @Test
  void mask_keepsTheCountryPrefixAndLastFourDigits() {
    assertEquals("+1******4567", AlertSettings.mask("+15551234567"));
    assertEquals("******", AlertSettings.mask("+1234"));
    assertEquals("Twilio 400 error 21610: Attempt to send to unsubscribed recipient +1******4321",
        AlertSettings.maskNumbers("Twilio 400 error 21610: Attempt to send to unsubscribed "
            + "recipient +15557654321"));
    assertEquals("The 'To' number 15*****4567 is not valid; nor +1******4567 (error 21211)",
        AlertSettings.maskNumbers("The 'To' number 15551234567 is not valid; nor "
            + "+1 555-123-4567 (error 21211)"));
  }
}
