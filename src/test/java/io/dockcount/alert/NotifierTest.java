package io.dockcount.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dockcount.store.AlertOutbox;
import io.dockcount.store.RunRecord;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The notifier over a real H2 outbox, with the real Twilio and Slack clients on loopback. */
final class NotifierTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String SMS_PATH = "/2010-04-01/Accounts/" + AlertTestConfig.SID
      + "/Messages.json";

  @TempDir
  Path dir;
  private LocalHttp http;
  private Store store;
  private Notifier notifier;
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));

  @BeforeEach
  void start() throws Exception {
    http = new LocalHttp();
    store = Store.open(StoreSettings.under(dir));
  }

  @AfterEach
  void stop() {
    if (notifier != null) {
      notifier.close();
    }
    store.close();
    http.close();
  }

  private Notifier notifier(String hocon) {
    AlertSettings s = AlertTestConfig.local(http, hocon);
    notifier = new Notifier(s, new AlertOutbox(store),
        Notifier.senders(s, AlertTestConfig.env(http), System.out), null, clock);
    return notifier;
  }

  static Alert highValue(String location, String sku, int round) {
    String[] p = location.split("-");
    return new Alert(Alert.Kind.HIGH_VALUE, p[0], p[1], p[2], p[3], location, sku, -12L,
        new BigDecimal("-480.00"), round, "ALERT zone " + p[0] + " (" + location + ") sku " + sku);
  }

  private void scheduledRun(String zone) {
    store.saveRun(new RunRecord(zone, "SCHEDULED", store.lastSeq(), null, List.of(),
        BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of(), List.of(), List.of(), List.of()));
  }

  private List<LocalHttp.Received> sms() {
    return http.all().stream().filter(r -> r.path().equals(SMS_PATH)).toList();
  }

  private List<AlertOutbox.Row> rows() {
    return new AlertOutbox(store).rows();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  /** A Slack-only alert whose arrival proves that a whole notifier pass ran after the call. */
  private void passCompleted(String zone) throws InterruptedException {
    int before = http.all().size();
    notifier.raise(Alert.staleSnapshot(zone, "marker " + before));
    await("the marker message", () -> http.all().stream().skip(before)
        .anyMatch(r -> r.body().contains("marker " + before)));
  }

  @Test
  void highValue_goesOutOnceBySmsAndSlack_andTheSameLocationAndRoundFolds() throws Exception {
    Notifier n = notifier("");

    n.raise(highValue("A-01-02-B", "00913", 0));
    LocalHttp.Received first = http.take(WAIT);
    LocalHttp.Received second = http.take(WAIT);
    n.raise(highValue("A-01-02-B", "0777", 0));
    passCompleted("A");

    List<LocalHttp.Received> sms = sms();
    assertEquals(1, sms.size(), "one immediate SMS for the location and round");
    assertTrue(sms.get(0).form().get("Body").startsWith("dockcount HIGH VALUE: zone A aisle 01 "
        + "bay 02 level B (A-01-02-B) sku 00913 -12 EA value -480.00, first count"),
        sms.get(0).form().get("Body"));
    assertTrue(List.of(first.path(), second.path()).contains("/services/T000/B000/XXXX"));
    assertTrue(rows().stream().anyMatch(r -> r.status().equals("FOLDED")
        && r.body().contains("0777")), rows().toString());
    assertEquals(2, rows().stream().filter(r -> r.status().equals("SENT")
        && r.kind().equals("HIGH_VALUE")).count(), rows().toString());
  }

  @Test
  void notices_doNotUseUpTheSmsLimit_highValuesAfterThemEachGoOutAtOnce() throws Exception {
    Notifier n = notifier("sms-limit.count = 2\nchannels.high-value = [sms]");
    n.raise(Alert.locationLeftOpen("A", "A-01-01-B", 0, "zone A: location A-01-01-B has 1 count"));
    n.raise(Alert.locationLeftOpen("A", "A-01-02-B", 0, "zone A: location A-01-02-B has 2 counts"));
    n.raise(Alert.stationDisconnected("A", "DOCK-2", "DOCK-2 silent for 130 s while its zone is "
        + "open"));
    await("the three notices", () -> sms().size() == 3);

    n.raise(highValue("A-06-06-A", "777", 0));
    n.raise(highValue("A-06-07-A", "778", 0));
    await("both high-value SMS", () -> sms().size() == 5);

    assertTrue(sms().get(3).form().get("Body").startsWith("dockcount HIGH VALUE: zone A aisle 06 "
        + "bay 06"), sms().get(3).form().get("Body"));
    assertTrue(sms().get(4).form().get("Body").startsWith("dockcount HIGH VALUE: zone A aisle 06 "
        + "bay 07"), sms().get(4).form().get("Body"));
    assertEquals(0, rows().stream().filter(r -> r.status().equals("FOLDED")).count(),
        "the limit counts variances only: two of two, none held back");
  }

  @Test
  void overTheLimit_aHighValueIsNotDelayed_itGoesOutAtOnceInTheZonesDigest() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(Notifier.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      Notifier n = notifier("sms-limit.count = 1\nchannels.high-value = [sms]");
      n.raise(highValue("A-01-01-A", "1", 0));
      await("one immediate", () -> sms().size() == 1);

      n.raise(highValue("A-01-02-A", "2", 0));
      await("the digest, with no run saved and no time gone by", () -> sms().size() == 2);

      assertEquals("dockcount zone A: 1 to recount: A-01-02-A 2 -480.00 HIGH VALUE",
          sms().get(1).form().get("Body"));
      List<String> warnings;
      synchronized (logs) {
        warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
            .map(ILoggingEvent::getFormattedMessage).toList();
      }
      assertTrue(warnings.stream().anyMatch(m -> m.contains("sms-limit")
          && m.contains("+1******4567") && m.contains("A-01-02-A") && m.contains("at once")),
          warnings.toString());
    } finally {
      logger.detachAppender(logs);
    }
  }

  /** Saves a run of {@code trigger} in zone A with recount tasks and their alerts. */
  private void run(String trigger, Alert... recounts) {
    store.saveRun(new RunRecord("A", trigger, store.lastSeq(), null, List.of(),
        BigDecimal.ZERO, BigDecimal.ZERO, 0, java.util.Arrays.stream(recounts)
            .map(NotifierTest::task).toList(), List.of(), List.of(), List.of(recounts),
        List.of()));
  }

  private long foldedSms() {
    return rows().stream().filter(r -> r.status().equals("FOLDED") && r.channel().equals("sms"))
        .count();
  }

  @Test
  void folded_zoneWithNothingNew_skipsItsCycles_digestGoesOutAfterMaxWait() throws Exception {
    Notifier n = notifier("digest.max-wait = 15m");
    run("RECOUNT_CLOSED", recount("A-01-02-A", "2"));
    n.wake();
    await("one folded", () -> foldedSms() == 1);

    clock.set(clock.instant().plus(Duration.ofMinutes(14)));
    passCompleted("A");
    int beforeMaxWait = sms().size();
    clock.set(clock.instant().plus(Duration.ofMinutes(1))); // no scheduled run saved meanwhile
    n.wake();
    await("the digest, with no run", () -> sms().size() == 1);

    assertEquals(0, beforeMaxWait, "waits for the zone's cycle first");
    assertEquals("dockcount zone A: 1 to recount: A-01-02-A 2 -480.00",
        sms().get(0).form().get("Body"));
  }

  @Test
  void recountTiming_scheduledRunsAtOnce_afterCloseRunByAShortenedMaxWait() throws Exception {
    // As the README's Alerts section says: a scheduled run's recount is in that run's digest,
    // one found by another run (a close's) waits for the next scheduled run or max-wait,
    // which a site may shorten.
    Notifier n = notifier("digest.max-wait = 5m");
    run("SCHEDULED", recount("A-01-01-A", "0100"));
    n.wake();
    await("the scheduled run's digest", () -> sms().size() == 1);
    run("AFTER_CLOSE", recount("A-01-02-A", "0200"));
    n.wake();
    await("the close's recount folded", () -> foldedSms() == 1);

    clock.set(clock.instant().plus(Duration.ofMinutes(4)).plusSeconds(59));
    passCompleted("A");
    int beforeMaxWait = sms().size();
    clock.set(clock.instant().plusSeconds(1));
    n.wake();
    await("the close's recount, at the shortened max-wait", () -> sms().size() == 2);

    assertEquals("dockcount zone A: 1 to recount: A-01-01-A 0100 -480.00",
        sms().get(0).form().get("Body"));
    assertEquals(1, beforeMaxWait, "the close's recount waits (no scheduled run since)");
    assertEquals("dockcount zone A: 1 to recount: A-01-02-A 0200 -480.00",
        sms().get(1).form().get("Body"));
  }

  @Test
  void digestAfterMaxWait_takesEveryItemFoldedSoFar_notOneDigestPerItem() throws Exception {
    Notifier n = notifier("digest.max-wait = 15m");
    run("RECOUNT_CLOSED", recount("A-07-07-A", "00913"));
    n.wake();
    await("the first folded", () -> foldedSms() == 1);
    clock.set(clock.instant().plus(Duration.ofSeconds(49)));
    run("RECOUNT_CLOSED", recount("A-06-06-A", "777"));
    n.wake();
    await("the second folded", () -> foldedSms() == 2);

    clock.set(clock.instant().plus(Duration.ofMinutes(14).plusSeconds(12)));
    n.wake();
    await("the digest of the first's max-wait", () -> sms().size() == 1);
    clock.set(clock.instant().plus(Duration.ofMinutes(2))); // past the second's own max-wait
    passCompleted("A");
    scheduledRun("A");
    passCompleted("A");

    assertEquals("dockcount zone A: 2 to recount: A-06-06-A 777 -480.00; A-07-07-A 00913 -480.00",
        sms().get(0).form().get("Body"));
    assertEquals(1, sms().size(), "nothing left for a second digest, nor for the next cycle");
  }

  @Test
  void digest_leavesOutARecountSettledBeforeItWentOut() throws Exception {
    // A scheduled run asks for two recounts (their alerts wait for the zone's digest); before
    // the digest goes out, the first recount matches and its task closes.
    Alert first = recount("A-01-01-A", "1");
    Alert second = recount("A-01-02-A", "2");
    store.saveRun(new RunRecord("A", "SCHEDULED", store.lastSeq(), null, List.of(),
        BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of(task(first), task(second)), List.of(),
        List.of(), List.of(first, second), List.of()));
    store.saveRun(new RunRecord("A", "HIGH_VALUE", store.lastSeq(), null, List.of(),
        BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of(),
        List.of(new RunRecord.TaskKey("A-01-01-A", "1", 0)), List.of(), List.of(), List.of()));

    notifier("");
    await("the digest", () -> sms().size() == 1);
    passCompleted("A");

    assertEquals("dockcount zone A: 1 to recount: A-01-02-A 2 -480.00",
        sms().get(0).form().get("Body"));
    assertTrue(rows().stream().anyMatch(r -> r.status().equals("SETTLED")
        && r.body().contains("A-01-01-A")), rows().toString());
  }

  @Test
  void digest_twoItemsForOneSkuAtOneLocation_onlyTheLatest() throws Exception {
    // Sent back (its task alerted at once, at 0.00), then recounted with a variance: one line.
    Alert sentBack = new Alert(Alert.Kind.RECOUNT, "A", "01", "03", "A", "A-01-03-A", "S1", 0L,
        new BigDecimal("0.00"), 1, "ALERT zone A (A-01-03-A) sku S1 sent back");
    Alert recounted = recount("A-01-03-A", "S1");
    store.saveRun(new RunRecord("A", "SCHEDULED", store.lastSeq(), null, List.of(),
        BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of(task(sentBack)), List.of(), List.of(),
        List.of(sentBack), List.of()));
    store.saveRun(new RunRecord("A", "SCHEDULED", store.lastSeq(), null, List.of(),
        BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of(), List.of(), List.of(), List.of(recounted),
        List.of()));

    notifier("");
    await("the digest", () -> sms().size() == 1);
    passCompleted("A");

    assertEquals("dockcount zone A: 1 to recount: A-01-03-A S1 -480.00",
        sms().get(0).form().get("Body"));
  }

  @Test
  void sentBackBySupervisor_toldAtOnceNotInTheNextDigest() throws Exception {
    Alert back = new Alert(Alert.Kind.RECOUNT, "A", "01", "05", "A", "A-01-05-A", "S9", -2L,
        new BigDecimal("-20.00"), 1, "ALERT zone A (A-01-05-A) sku S9 short -2 EA value -20.00: "
            + RunRecord.SENT_BACK + "short value 20.00 >= 5.00");
    store.saveRun(new RunRecord("A", "REQUESTED", store.lastSeq(), null, List.of(),
        BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of(task(back)), List.of(), List.of(),
        List.of(back), List.of()));

    notifier("");
    await("the send-back's SMS, with no scheduled run since", () -> sms().size() == 1);

    assertTrue(sms().get(0).form().get("Body").startsWith("dockcount recount: zone A aisle 01 "
        + "bay 05 level A (A-01-05-A) sku S9"), sms().get(0).form().get("Body"));
  }

  private static Alert recount(String location, String sku) {
    String[] p = location.split("-");
    return new Alert(Alert.Kind.RECOUNT, p[0], p[1], p[2], p[3], location, sku, -12L,
        new BigDecimal("-480.00"), 0, "ALERT zone " + p[0] + " (" + location + ") sku " + sku);
  }

  private static RunRecord.NewTask task(Alert a) {
    return new RunRecord.NewTask(new RunRecord.TaskKey(a.location(), a.sku(), 0), a.varianceQty(),
        a.value(), "short value 480.00 >= 50.00");
  }

  @Test
  void rateLimitAndServerErrors_areRetriedWithBackoff_thenSent() throws Exception {
    http.answer(LocalHttp.twilioError(429, 20429, "Too Many Requests"),
        LocalHttp.twilioError(503, 20503, "Service Unavailable"));
    Notifier n = notifier("channels.high-value = [sms]");

    n.raise(highValue("A-02-01-A", "00913", 0));
    await("sent after retries", () -> rows().stream().anyMatch(r -> r.status().equals("SENT")));

    AlertOutbox.Row row = rows().get(0);
    assertEquals(3, row.attempts());
    assertEquals(3, sms().size());
    assertTrue(row.providerId().startsWith("SM"));
  }

  @Test
  void optedOut_isNotRetried_andReportedWithTheNumberMasked() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(Notifier.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      http.answer(LocalHttp.twilioError(400, 21610, "Attempt to send to unsubscribed recipient"));
      Notifier n = notifier("channels.high-value = [sms]");

      n.raise(highValue("A-02-02-A", "00913", 0));
      await("failed", () -> rows().stream().anyMatch(r -> r.status().equals("FAILED")));
      passCompleted("A");

      assertEquals(1, sms().size(), "not retried");
      assertTrue(rows().get(0).lastError().contains("21610"), rows().get(0).lastError());
      List<String> errors;
      // Logback appends under the appender's own lock (AppenderBase.doAppend), not the list's.
      synchronized (logs) {
        errors = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR)
            .map(ILoggingEvent::getFormattedMessage).toList();
      }
      assertTrue(errors.stream().anyMatch(m -> m.contains("+1******4567")
          && m.contains("21610")), errors.toString());
      synchronized (logs) {
        assertFalse(logs.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(
            m -> m.contains(AlertTestConfig.PHONE) || m.contains(AlertTestConfig.TOKEN)));
      }
    } finally {
      logger.detachAppender(logs);
    }
  }

  @Test
  void outOfAttempts_isRecordedAsFailed() throws Exception {
    http.answer(LocalHttp.twilioError(500, 20500, "x"), LocalHttp.twilioError(500, 20500, "y"));
    Notifier n = notifier("channels.high-value = [sms]\nretry.max-attempts = 2");

    n.raise(highValue("A-02-03-A", "00913", 0));
    await("failed", () -> rows().stream().anyMatch(r -> r.status().equals("FAILED")));

    assertTrue(rows().get(0).lastError().startsWith("gave up after 2 attempts"),
        rows().get(0).lastError());
    assertEquals(2, sms().size());
  }

  @Test
  void restartBetweenSendAndBookkeeping_sendsNoDuplicate() throws Exception {
    AlertSettings s = AlertTestConfig.local(http, "channels.high-value = [sms]");
    Map<String, Sender> real = Notifier.senders(s, AlertTestConfig.env(http), System.out);
    // The message reaches the provider; then the database goes away before it is marked sent.
    Sender crashing = d -> {
      Sender.Result r = real.get("sms").send(d);
      store.close();
      return r;
    };
    Notifier first = new Notifier(s, new AlertOutbox(store), Map.of("sms", crashing), null,
        clock);
    first.raise(highValue("A-03-01-A", "00913", 0));
    http.take(WAIT);
    first.close();

    store = Store.open(StoreSettings.under(dir));
    notifier = new Notifier(s, new AlertOutbox(store), real, null, clock);
    notifier.raise(highValue("A-03-02-A", "00913", 0));
    await("the next alert sent", () -> rows().size() == 2
        && rows().get(1).status().equals("SENT"));

    assertEquals(1, sms().stream().filter(r -> r.form().get("Body").contains("A-03-01-A"))
        .count(), "not sent again after the restart");
    assertEquals("UNCERTAIN", rows().get(0).status());
    assertEquals("SENT", rows().get(1).status());
  }

  @Test
  void quietHours_holdSms_thenTheFirstDigestAfterCarriesThem() throws Exception {
    clock.set(Instant.parse("2026-03-02T23:30:00Z"));
    Notifier n = notifier("channels.high-value = [sms]\n"
        + "quiet-hours { start = \"22:00\", end = \"06:00\", zone-id = UTC }");

    n.raise(highValue("A-04-01-A", "00913", 0));
    await("folded", () -> rows().stream().anyMatch(r -> r.status().equals("FOLDED")));
    scheduledRun("A");
    passCompleted("A");
    assertEquals(0, sms().size(), "no SMS in quiet hours, digest included");

    clock.set(Instant.parse("2026-03-03T06:05:00Z"));
    n.wake();
    await("the morning digest", () -> sms().size() == 1);

    String body = sms().get(0).form().get("Body");
    assertTrue(body.contains("A-04-01-A 00913 -480.00 HIGH VALUE"), body);
  }

  @Test
  void quietHours_aNoticeForEveryZone_inTheFirstDigestAfter() throws Exception {
    clock.set(Instant.parse("2026-03-02T23:30:00Z"));
    Notifier n = notifier("supervisors { \"*\" = [\"" + AlertTestConfig.PHONE + "\"] }\n"
        + "quiet-hours { start = \"22:00\", end = \"06:00\", zone-id = UTC }");

    n.raise(Alert.storeRestored("dockcount-000000000082.zip"));
    await("folded", () -> rows().stream().anyMatch(r -> r.status().equals("FOLDED")));
    clock.set(Instant.parse("2026-03-03T06:00:01Z"));
    n.wake();
    await("the morning digest", () -> sms().size() == 1);

    assertEquals("dockcount: 1 notice: database restored from backup",
        sms().get(0).form().get("Body"), "no zone's cycle to wait for, and no recount to count");
  }

  @Test
  void noWebhook_slackTakenOutOfTheKindsWritten_refusalNamesTheKindsLeftWithIt() {
    // The README's SMS-only site: slack out of the four kinds it writes, the others defaults.
    AlertSettings s = AlertTestConfig.local(http, "channels { high-value = [radio, sms], "
        + "recount = [sms], station-disconnected = [sms], stale-snapshot = [sms] }");

    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> Notifier.senders(s, Map.of("TWILIO_TOKEN", AlertTestConfig.TOKEN), System.out));

    assertTrue(e.getMessage().startsWith("dockcount.alerts.slack: no webhook URL"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("; slack is in dockcount.alerts.channels of "
        + "backup-failed, store-restored, store-failed, run-failed, location-left-open, "
        + "wms-book-unreadable (without one, write each of them without slack)"),
        e.getMessage());
  }

  @Test
  void dryRun_printsWithTheNumberMasked_andSendsNothing() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    AlertSettings s = AlertTestConfig.local(http, "dry-run = true");
    notifier = new Notifier(s, new AlertOutbox(store), Notifier.senders(s, Map.of(), out), null,
        clock);

    notifier.raise(highValue("A-05-01-A", "00913", 0));
    await("printed", () -> buf.toString(StandardCharsets.UTF_8).contains("DRY RUN slack"));
    await("printed", () -> buf.toString(StandardCharsets.UTF_8).contains("DRY RUN sms"));

    String printed = buf.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("DRY RUN sms to +1******4567: dockcount HIGH VALUE: zone A"),
        printed);
    assertFalse(printed.contains(AlertTestConfig.PHONE));
    assertTrue(http.all().isEmpty());
  }

  /** A running clock the test sets forward or back. */
  static final class TestClock extends Clock {
    private volatile Duration offset;

    TestClock(Instant now) {
      set(now);
    }

    void set(Instant t) {
      offset = Duration.between(Instant.now(), t);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }
}
