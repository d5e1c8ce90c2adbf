package io.dockcount.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.alert.Alert;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert outbox over a real H2 store. */
final class AlertOutboxTest {
  @TempDir
  Path dir;
  private Store store;
  private AlertOutbox outbox;
  private long nextAlert = 100;

  @BeforeEach
  void open() {
    store = Store.open(StoreSettings.under(dir));
    outbox = new AlertOutbox(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Plans one SMS to {@code recipient} with the given first status; returns its row id. */
  private long plan(String recipient, String status) {
    return plan(recipient, status, nextAlert++, "HIGH_VALUE");
  }

  /** Plans one SMS of a kind for an alert to {@code recipient}; returns its row id. */
  private long plan(String recipient, String status, long alert, String kind) {
    AlertOutbox.NewDelivery d = new AlertOutbox.NewDelivery(alert, "sms", recipient,
        kind, "A", "sms|" + recipient + "|" + alert, "dockcount HIGH VALUE: " + alert,
        status, Instant.now(), null, "A-01-01-A", "S" + alert,
        status.equals("FOLDED") ? 0L : null);
    outbox.planAll(List.of(unplanned(alert)), (u, lookups) -> List.of(d));
    return outbox.rows().stream().filter(r -> r.recipient().equals(recipient))
        .mapToLong(AlertOutbox.Row::id).max().orElseThrow();
  }

  private static AlertOutbox.Unplanned unplanned(long id) {
    return new AlertOutbox.Unplanned(id, Alert.staleSnapshot("A", "test"), null, null);
  }

  /** What a planner sees as the recipient's immediate messages in the last hour. */
  private int counted(String recipient) {
    int[] seen = new int[1];
    outbox.planAll(List.of(unplanned(nextAlert++)), (u, lookups) -> {
      seen[0] = lookups.variancesSince("sms", recipient,
          Instant.now().minus(Duration.ofHours(1)));
      return List.of();
    });
    return seen[0];
  }

  @Test
  void foldedDecide_itsRoundsTaskDoneAndTheNextOpen_settledLeftOutOfTheDigest()
      throws Exception {
    Alert decide = new Alert(Alert.Kind.RECOUNT, "A", "01", "01", "A", "A-01-01-A", "S1", -3L,
        null, 1, "ALERT zone A: supervisor: variance stands after 1 recount(s)");
    long alert = outbox.add(decide);
    outbox.planAll(List.of(new AlertOutbox.Unplanned(alert, decide, 5L, "RECOUNT_CLOSED")),
        (u, lookups) -> List.of(new AlertOutbox.NewDelivery(alert, "sms", "+15551234567",
            "RECOUNT", "A", "sms|decide|" + alert, "dockcount decide: A-01-01-A", "FOLDED",
            Instant.now(), null, "A-01-01-A", "S1", 0L)));
    try (var c = java.sql.DriverManager.getConnection(Store.url(store.settings().path()), "sa",
        ""); var st = c.createStatement()) {
      st.execute("INSERT INTO recon_run (id, zone, trigger_kind, through_seq, line_count, "
          + "net_value, abs_value, lines_without_value, tasks_created, wall, clock_synced) "
          + "VALUES (5, 'A', 'RECOUNT_CLOSED', 1, 1, 0, 0, 0, 1, CURRENT_TIMESTAMP, 'yes'), "
          + "(6, 'A', 'SCHEDULED', 2, 1, 0, 0, 0, 1, CURRENT_TIMESTAMP, 'yes')");
      // The decision's task (round 1) is done: a supervisor sent the location back (round 2).
      st.execute("INSERT INTO recount_task (id, zone, location, sku, round, run_id, variance, "
          + "variance_value, reason, status) VALUES (1, 'A', 'A-01-01-A', 'S1', 1, 5, -3, NULL, "
          + "'supervisor: variance stands', 'DONE'), (2, 'A', 'A-01-01-A', 'S1', 2, 6, -3, NULL, "
          + "'sent back by a supervisor: short', 'OPEN')");
    }

    List<AlertOutbox.Folded> folded = outbox.folded();

    assertEquals(1, folded.size());
    assertTrue(folded.get(0).settled(), "behind the send-back: not a decision any more");
  }

  @Test
  void folded_aRecountWhoseLocationHasCountsOfALaterRound_isRecounting() throws Exception {
    long[] alerts = new long[2];
    for (int i = 0; i < 2; i++) {
      String location = "A-01-0" + (i + 1) + "-A";
      Alert recount = new Alert(Alert.Kind.RECOUNT, "A", "01", "0" + (i + 1), "A", location,
          "S1", -3L, null, 0, "ALERT zone A: short");
      long alert = outbox.add(recount);
      alerts[i] = alert;
      outbox.planAll(List.of(new AlertOutbox.Unplanned(alert, recount, 5L, "SCHEDULED")),
          (u, lookups) -> List.of(new AlertOutbox.NewDelivery(alert, "sms", "+15551234567",
              "RECOUNT", "A", "sms|recount|" + alert, "dockcount recount: " + location,
              "FOLDED", Instant.now(), null, location, "S1", 0L)));
    }
    try (var c = java.sql.DriverManager.getConnection(Store.url(store.settings().path()), "sa",
        ""); var st = c.createStatement()) {
      // Round 0 at both (the counts that asked for the recounts); round 1 begun at the first.
      st.execute("INSERT INTO count_record (seq, kind, zone, station, counter, location, sku, "
          + "unit, qty, eaches, lot, raw, station_seq, round, snapshot_id, wall, clock_synced) "
          + "VALUES (1, 'COUNT', 'A', 'D1', 'ana', 'A-01-01-A', 'S1', 'EA', 2, 2, '', 'x', 1, 0, "
          + "1, CURRENT_TIMESTAMP, 'yes'), (2, 'COUNT', 'A', 'D1', 'ana', 'A-01-02-A', 'S1', "
          + "'EA', 2, 2, '', 'x', 2, 0, 1, CURRENT_TIMESTAMP, 'yes'), (3, 'COUNT', 'A', 'D1', "
          + "'ana', 'A-01-01-A', 'S2', 'EA', 1, 1, '', 'x', 3, 1, 1, CURRENT_TIMESTAMP, 'yes')");
    }

    List<AlertOutbox.Folded> folded = outbox.folded();

    assertEquals(2, folded.size());
    assertTrue(folded.get(0).recounting(), "its location's recount has begun (another SKU)");
    assertFalse(folded.get(1).recounting(), "only its first count so far");
  }

  @Test
  void offlineLast_theStationsLatestAlertDecides() {
    outbox.add(Alert.stationDisconnected("A", "DOCK-1", "DOCK-1 scanner offline (zone A): x"));
    outbox.add(Alert.stationDisconnected("A", "DOCK-2", "DOCK-2 scanner offline (zone A): x"));
    outbox.add(Alert.stationBack("A", "DOCK-2", "DOCK-2 scanner back online at /dev/ttyACM1"));
    outbox.add(Alert.stationDisconnected("A", "DOCK-3", "DOCK-3 silent for 600 s while E1 is "
        + "counting (zone A)"));

    assertTrue(outbox.offlineLast("DOCK-1"), "offline when the service stopped");
    assertFalse(outbox.offlineLast("DOCK-2"), "back since");
    assertFalse(outbox.offlineLast("DOCK-3"), "silent is no outage of the scanner");
    assertFalse(outbox.offlineLast("DOCK-4"), "never alerted");
  }

  @Test
  void lastRaised_perZoneTheLatestOfTheKind() {
    Instant before = Instant.now().minusSeconds(1);
    outbox.add(Alert.staleSnapshot("A", "8m 0s"));
    outbox.add(Alert.staleSnapshot("A", "9m 0s"));
    outbox.add(Alert.stationDisconnected("B", "DOCK-2", "DOCK-2 scanner offline (zone B): x"));

    Map<String, Instant> last = outbox.lastRaised("STALE_SNAPSHOT");

    assertEquals(java.util.Set.of("A"), last.keySet());
    assertTrue(last.get("A").isAfter(before), last::toString);
  }

  @Test
  void variancesSince_countsOnlyWhatWentOutMayHaveOrIsAboutTo() {
    Instant now = Instant.now();
    long sent = plan("sent", "PENDING");
    outbox.markSending(sent);
    outbox.markSent(sent, "SM1", now);
    long uncertain = plan("uncertain", "PENDING");
    outbox.markSending(uncertain);
    outbox.markUncertain();
    plan("pending", "PENDING");
    long sending = plan("sending", "PENDING");
    outbox.markSending(sending);
    long refused = plan("refused", "PENDING");
    outbox.markSending(refused);
    outbox.markFailed(refused, "Twilio 400 error 21610: unsubscribed recipient", now);
    long gaveUp = plan("gave up", "PENDING");
    outbox.markSending(gaveUp);
    outbox.markRetry(gaveUp, now, "no answer from Twilio: Read timed out");
    outbox.markSending(gaveUp);
    outbox.markGivenUp(gaveUp, 2, "Twilio 503 error 20503: unavailable", now);
    long gaveUpAtOnce = plan("gave up at once", "PENDING");
    outbox.markSending(gaveUpAtOnce);
    outbox.markGivenUp(gaveUpAtOnce, 1, "no answer from Twilio: Read timed out", now);
    plan("folded", "FOLDED");
    long settled = plan("settled", "FOLDED");
    outbox.settleFolded(List.of(settled), now);
    long digested = plan("digested", "FOLDED");
    outbox.digest(new AlertOutbox.NewDelivery(null, "sms", "digested", "CYCLE_DIGEST", "A",
        "digest|sms|digested|A|1", "dockcount zone A: 1 to recount", "PENDING", now, null, "",
        "", null), List.of(digested));

    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String r : List.of("sent", "uncertain", "pending", "sending", "refused", "gave up",
        "gave up at once", "folded", "settled", "digested")) {
      counts.put(r, counted(r));
    }

    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("sent", 1);
    expected.put("uncertain", 1);
    expected.put("pending", 1);
    expected.put("sending", 1);
    expected.put("refused", 0);
    expected.put("gave up", 1);
    expected.put("gave up at once", 1);
    expected.put("folded", 0);
    expected.put("settled", 0);
    expected.put("digested", 0);
    assertEquals(expected, counts);
  }

  @Test
  void variancesSince_settledRecountsLeaveRoomForAHighValueSms() {
    Instant now = Instant.now();
    for (int i = 0; i < 3; i++) {
      long sent = plan("+15551234567", "PENDING");
      outbox.markSending(sent);
      outbox.markSent(sent, "SM" + i, now);
    }
    for (int i = 0; i < 4; i++) {
      long settled = plan("+15551234567", "FOLDED");
      outbox.settleFolded(List.of(settled), now);
    }

    assertEquals(3, counted("+15551234567"), "three texts went out; four were settled unsent");
  }

  @Test
  void variancesSince_countsARunsVariances_notNoticesNorAReSentRecount() {
    Instant now = Instant.now();
    Alert found = new Alert(Alert.Kind.RECOUNT, "A", "01", "05", "A", "A-01-05-A", "S9", -2L,
        null, 1, "ALERT zone A (A-01-05-A) sku S9: sent back by a supervisor: short");
    store.saveRun(new RunRecord("A", "REQUESTED", store.lastSeq(), null, List.of(),
        java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO, 0, List.of(), List.of(),
        List.of(), List.of(found), List.of()));
    long fromRun = outbox.unplanned(10).get(0).id();
    long resent = outbox.add(found);
    long offline = outbox.add(Alert.stationDisconnected("A", "DOCK-2", "scanner offline"));
    long leftOpen = outbox.add(Alert.locationLeftOpen("A", "A-01-01-B", 0, "left open"));
    String to = "+15557654321";
    for (long[] a : new long[][] {{fromRun, 0}, {resent, 0}, {offline, 1}, {leftOpen, 1}}) {
      long id = plan(to, "PENDING", a[0], a[1] == 1 ? (a[0] == offline
          ? "STATION_DISCONNECTED" : "LOCATION_LEFT_OPEN") : "RECOUNT");
      outbox.markSending(id);
      outbox.markSent(id, "SM" + id, now);
    }

    assertEquals(1, counted(to), "the run's recount (sent back) only: a notice and a recount "
        + "a supervisor re-sent are not what the limit holds back");
  }
}
