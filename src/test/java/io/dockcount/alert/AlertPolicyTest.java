package io.dockcount.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.store.AlertOutbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The digest's wording: top items by value, then how many more, within the length. */
final class AlertPolicyTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private static AlertOutbox.Folded item(int i, String value) {
    return item(i, value, Alert.Kind.RECOUNT);
  }

  /** A folded alert of a kind at A-01-{i}-A with a signed value (null: unknown). */
  private static AlertOutbox.Folded item(int i, String value, Alert.Kind kind) {
    BigDecimal v = value == null ? null : new BigDecimal(value);
    return new AlertOutbox.Folded(i, "sms", AlertTestConfig.PHONE, "A",
        String.format("A-01-%02d-A", i), "SKU" + i, "", v == null ? null : v.abs(), 1, false,
        kind.name(), v, NOW);
  }

  @Test
  void digest_showsTheTopByValue_thenHowManyMore() {
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings("digest.top = 2"));
    List<AlertOutbox.Folded> items = List.of(item(1, "10.00"), item(2, null),
        item(3, "300.5"), item(4, "45"));

    AlertOutbox.NewDelivery d = policy.digest("A", "sms", AlertTestConfig.PHONE, 7, items, NOW);

    assertEquals("dockcount zone A: 4 to recount: A-01-03-A SKU3 +300.50; A-01-04-A SKU4 +45.00; "
        + "+2 more", d.body());
    assertEquals("digest|sms|" + AlertTestConfig.PHONE + "|A|7|4", d.dedupKey(),
        "its run and its newest item");
    assertEquals("dockcount zone A: 1 to recount: A-01-02-A SKU2 value unknown",
        policy.digest("A", "sms", AlertTestConfig.PHONE, 8, List.of(item(2, null)), NOW).body(),
        "a line with no figure (no cost, or its book changed) says so");
    String sms = AlertPolicy.sms(new Alert(Alert.Kind.RECOUNT, "A", "01", "05", "A",
        "A-01-05-A", "SKU5", null, null, 0, "ALERT zone A aisle 01 bay 05 level A (A-01-05-A) sku "
            + "SKU5 missing book 4 EA, not counted: zone closed: not counted"));
    assertEquals("dockcount recount: zone A aisle 01 bay 05 level A (A-01-05-A) sku SKU5 not "
        + "counted, first count", sms);
    AlertOutbox.Folded uncounted = new AlertOutbox.Folded(5, "sms", AlertTestConfig.PHONE, "A",
        "A-01-05-A", "SKU5", sms, null, 1, false, Alert.Kind.RECOUNT.name(), null, NOW);
    assertEquals("dockcount zone A: 1 to recount: A-01-05-A SKU5 not counted",
        policy.digest("A", "sms", AlertTestConfig.PHONE, 9, List.of(uncounted), NOW).body(),
        "a line nobody counted is said so, as the console does, not 'value unknown'");
  }

  @Test
  void digest_aRecountBegunSinceItsRun_saidUnderWayNotAskedAgain() {
    AlertOutbox.Folded f = item(1, "-480.00");
    AlertOutbox.Folded begun = new AlertOutbox.Folded(f.id(), f.channel(), f.recipient(),
        f.zone(), f.location(), f.sku(), f.body(), f.absValue(), f.dueAfterRun(), false,
        f.kind(), f.value(), f.created(), true);

    String body = smsDigest("digest.top = 3", List.of(begun, item(2, "12.00")));

    assertEquals("dockcount zone A: 2 to recount: A-01-01-A SKU1 -480.00 (recount under way); "
        + "A-01-02-A SKU2 +12.00", body);
  }

  /** The SMS digest of zone A's run 7 with {@code settings} over the test's. */
  private static String smsDigest(String settings, List<AlertOutbox.Folded> items) {
    return new AlertPolicy(AlertTestConfig.settings(settings))
        .digest("A", "sms", AlertTestConfig.PHONE, 7, items, NOW).body();
  }

  @Test
  void digest_signsEachValue_andMarksHighValueItems() {
    List<AlertOutbox.Folded> items = List.of(item(1, "-10.00"), item(2, "10.00"),
        item(5, "-122.50", Alert.Kind.HIGH_VALUE), item(6, "0.00"));

    String body = smsDigest("digest.top = 3", items);

    assertEquals("dockcount zone A: 4 to recount: A-01-05-A SKU5 -122.50 HIGH VALUE; "
        + "A-01-01-A SKU1 -10.00; A-01-02-A SKU2 +10.00; +1 more", body);
  }

  @Test
  void digest_highValueItemsLeftOut_saySoInTheCountOfMore() {
    List<AlertOutbox.Folded> items = List.of(item(1, "900.00", Alert.Kind.HIGH_VALUE),
        item(2, "-700.00", Alert.Kind.HIGH_VALUE), item(3, "-10.00"));

    String body = smsDigest("digest { top = 1, max-chars = 320 }", items);

    assertEquals("dockcount zone A: 3 to recount: A-01-01-A SKU1 +900.00 HIGH VALUE; "
        + "+2 more (1 HIGH VALUE)", body);
  }

  @Test
  void digest_ofTheLongestItems_staysWithinAnSmsOfTwoSegments() {
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings(""));
    List<AlertOutbox.Folded> items = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      items.add(item(i, "-123456.78", Alert.Kind.HIGH_VALUE));
    }

    String body = policy.digest("A", "sms", AlertTestConfig.PHONE, 7, items, NOW).body();

    assertTrue(body.length() <= 320, body.length() + ": " + body);
    assertTrue(body.endsWith("; +17 more (17 HIGH VALUE)"), body);
  }

  @Test
  void sms_countRounds_inTheSupervisorsWordsNotRoundNumbers() {
    String line = "ALERT zone A aisle 01 bay 02 level A (A-01-02-A) sku 0777 short -6 EA value "
        + "-240.00: short value 240.00 >= 50.00";
    Alert first = new Alert(Alert.Kind.RECOUNT, "A", "01", "02", "A", "A-01-02-A", "0777", -6L,
        new BigDecimal("-240.00"), 0, line);
    Alert second = new Alert(Alert.Kind.RECOUNT, "A", "01", "02", "A", "A-01-02-A", "0777", -6L,
        new BigDecimal("-240.00"), 2, line);

    String onFirst = AlertPolicy.sms(first);
    String onSecond = AlertPolicy.sms(second);

    assertTrue(onFirst.endsWith("-6 EA value -240.00, first count"), onFirst);
    assertTrue(onSecond.endsWith("-6 EA value -240.00, recount 2"), onSecond);
    assertFalse(onFirst.contains("round") || onSecond.contains("round"), onFirst);
  }

  @Test
  void sms_longestVarianceWithItsRound_staysWithinTwoSegments() {
    String code = "ZONE-LONG-1";
    String sku = "12345678901234567890";
    Alert longest = new Alert(Alert.Kind.HIGH_VALUE, code, "AISLE-12", "BAY-345", "LEVEL-6",
        "AISLE-12-BAY-345-LEVEL-6-POS-7", sku, -123456789L, new BigDecimal("-98765432.1234"),
        99, "ALERT (re-sent by supervisor-longname) zone " + code + ": supervisor: variance "
            + "stands after 99 recount(s); probable unit error (+99 more at this location)");

    String sms = AlertPolicy.sms(longest);

    assertTrue(sms.contains(", recount 99 (+99 more here); probable unit error"), sms);
    assertTrue(sms.length() <= 320, sms.length() + ": " + sms);
  }

  @Test
  void sms_highValueVarianceThatStood_saysDecideNotAnotherHighValueRecount() {
    Alert stands = new Alert(Alert.Kind.HIGH_VALUE, "A", "02", "02", "A", "A-02-02-A", "1010",
        -1L, new BigDecimal("-1250.00"), 1, "ALERT zone A aisle 02 bay 02 level A (A-02-02-A) "
            + "sku 1010 short -1 EA value -1250.00: supervisor: variance stands after 1 "
            + "recount(s): short value 1250.00 >= 50.00");

    String sms = AlertPolicy.sms(stands);

    assertTrue(sms.startsWith("dockcount decide, HIGH VALUE: zone A aisle 02 bay 02 level A "
        + "(A-02-02-A) sku 1010 -1 EA value -1250.00, recount 1"), sms);
    assertTrue(AlertPolicy.decides(stands.line()), "and the radio leaves it alone");
  }

  @Test
  void digest_recountsDoneAreForTheSupervisorToDecide_notAnotherRecount() {
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings("digest.top = 5"));
    Alert stands = new Alert(Alert.Kind.RECOUNT, "A", "01", "02", "A", "A-01-02-A", "00903",
        -4L, new BigDecimal("-40.00"), 1, "ALERT zone A aisle 01 bay 02 level A (A-01-02-A) "
            + "sku 00903 short -4 EA value -40.00: supervisor: variance stands after 1 "
            + "recount(s): short value 40.00 >= 20.00");
    String sms = AlertPolicy.sms(stands);
    AlertOutbox.Folded decided = new AlertOutbox.Folded(9, "sms", AlertTestConfig.PHONE, "A",
        "A-01-02-A", "00903", sms, new BigDecimal("40.00"), 1, false, "RECOUNT",
        new BigDecimal("-40.00"), NOW);

    String alone = policy.digest("A", "sms", AlertTestConfig.PHONE, 7, List.of(decided), NOW)
        .body();
    String mixed = policy.digest("A", "sms", AlertTestConfig.PHONE, 7,
        List.of(decided, item(3, "300.5")), NOW).body();

    assertTrue(sms.startsWith("dockcount decide: zone A aisle 01 bay 02 level A"), sms);
    assertEquals("dockcount zone A: 1 to decide (recounts done): A-01-02-A 00903 -40.00", alone);
    assertEquals("dockcount zone A: 1 to recount, 1 to decide (marked *): A-01-03-A SKU3 +300.50; "
        + "A-01-02-A 00903 -40.00 *", mixed);
  }

  @Test
  void sms_recountReSentFromTheConsole_saysWhoReSentIt() {
    Alert resent = new Alert(Alert.Kind.RECOUNT, "A", "01", "03", "A", "A-01-03-A", "0777",
        -6L, new BigDecimal("-240.00"), 1, "ALERT (re-sent by ana) zone A aisle 01 bay 03 "
            + "level A (A-01-03-A) sku 0777 short -6 EA value -240.00: short value >= 50.00");

    assertEquals("dockcount recount (re-sent by ana): zone A aisle 01 bay 03 level A "
        + "(A-01-03-A) sku 0777 -6 EA value -240.00, recount 1", AlertPolicy.sms(resent));
  }

  @Test
  void sms_stationAlert_saysWhetherUnpluggedOrSilent() {
    Alert silent = Alert.stationDisconnected("B", "DOCK-2",
        "DOCK-2 silent for 130 s while its zone is open");

    assertEquals("dockcount: zone B station DOCK-2: DOCK-2 silent for 130 s while its zone is "
        + "open", AlertPolicy.sms(silent));
    Alert offline = Alert.stationDisconnected("B", "DOCK-2", "DOCK-2 scanner offline (zone B): "
        + "read from /dev/pts/4 failed (input/output error: the scanner was unplugged?)");
    assertEquals("dockcount: zone B station DOCK-2: scanner offline: read from /dev/pts/4 "
        + "failed (input/output error: the scanner was unplugged?)", AlertPolicy.sms(offline),
        "the station and zone said once, so the cause is not cut");
  }

  @Test
  void digest_staysWithinItsLength() {
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings(
        "digest { top = 50, max-chars = 120 }"));
    List<AlertOutbox.Folded> items = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      items.add(item(i, i + ".00"));
    }

    String body = policy.digest("A", "sms", AlertTestConfig.PHONE, 7, items, NOW).body();

    assertTrue(body.length() <= 120, body.length() + ": " + body);
    assertTrue(body.startsWith("dockcount zone A: 30 to recount: A-01-30-A SKU30 +30.00; "),
        body);
    assertTrue(body.endsWith(" more"), body);
  }

  @Test
  void raisedAlerts_areEachTheirOwnMessage_runRecountsWaitForTheDigest() {
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings(
        "supervisors { A = [\"" + AlertTestConfig.PHONE + "\"] }"));
    Alert offline = Alert.stationDisconnected("A", "DOCK-1", "scanner offline");
    Alert recount = new Alert(Alert.Kind.RECOUNT, "A", "01", "03", "A", "A-01-03-A", "0777",
        -6L, new BigDecimal("-240.00"), 1, "ALERT (re-sent by ana) zone A");
    java.util.Set<String> planned = new java.util.HashSet<>();

    List<AlertOutbox.NewDelivery> first = plan(policy, 11, offline, null, planned);
    List<AlertOutbox.NewDelivery> again = plan(policy, 12, offline, null, planned);
    List<AlertOutbox.NewDelivery> resent = plan(policy, 13, recount, null, planned);
    List<AlertOutbox.NewDelivery> fromRun = plan(policy, 14, recount, 5L, planned);

    assertEquals(List.of(), plan(policy, 15, Alert.stationBack("A", "DOCK-1", "DOCK-1 "
        + "scanner back online at /dev/ttyACM0"), null, planned), "kept, texted to nobody");
    assertEquals(List.of(), plan(policy, 16, Alert.locationOpenAgain("A", "A-01-02-B", 0,
        "zone A: location A-01-02-B, reported left open, is open at DOCK-1 again"), null,
        planned), "a left-open report's end: kept, texted to nobody");
    assertEquals(List.of("PENDING", "PENDING"), statuses(plan(policy, 17,
        Alert.locationLeftOpen("A", "A-01-02-B", 0, "zone A: location A-01-02-B has 1 count"),
        null, planned)), "the report itself goes out");
    assertEquals(List.of("PENDING", "PENDING"), statuses(first), "sms and slack at once");
    assertEquals(List.of("PENDING", "PENDING"), statuses(again), "a second episode too");
    assertEquals(List.of("PENDING", "PENDING"), statuses(resent), "a re-send goes out now");
    assertEquals(List.of("FOLDED", "FOLDED"), statuses(fromRun), "a run's recount waits");
  }

  @Test
  void sms_locationLeftOpen_saysTheCountersCloseNotTheConsoleWhichRefusesARecountUnderWay() {
    assertEquals("dockcount: zone A location A-01-02-B left open, no station counting it: a "
        + "counter scans its label and closes it (CTL:CLOSE)", AlertPolicy.sms(
            Alert.locationLeftOpen("A", "A-01-02-B", 1, "zone A: location A-01-02-B has 1 count")));
  }

  @Test
  void smsLimitReached_variancesFoldedServiceConditionsStillSent() {
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings(
        "supervisors { A = [\"" + AlertTestConfig.PHONE + "\"], \"*\" = [\""
            + AlertTestConfig.PHONE + "\"] }"));
    Alert high = new Alert(Alert.Kind.HIGH_VALUE, "A", "01", "03", "A", "A-01-03-A", "0777",
        -6L, new BigDecimal("-800.00"), 0, "ALERT zone A HIGH VALUE");
    Alert offline = Alert.stationDisconnected("A", "DOCK-2", "scanner offline");
    Alert failed = Alert.storeFailed("STORE FULL since 2026-03-02T10:00Z the disk of the "
        + "database has less than 6 MB free (store.min-free-space) (disk nearly full): nothing is "
        + "stored until space is freed (no restart needed)");

    for (Alert a : List.of(high, offline, failed)) {
      AlertOutbox.NewDelivery sms = policy.plan(new AlertOutbox.Unplanned(1, a, 3L, "HIGH_VALUE"),
          NOW, (ch, to, since) -> 99, k -> false, 4).stream()
          .filter(d -> d.channel().equals("sms")).findFirst().orElseThrow();

      assertEquals(a == high ? "FOLDED" : "PENDING", sms.status(), a.kind().name());
      if (a == failed) {
        assertEquals("dockcount: disk full, the database takes no counts: free space (no "
            + "restart needed); see the console", sms.body());
      }
    }
  }

  @Test
  void smsLimitReached_highValueDueAtOnceInTheDigest_sentBackRecountWaitsForTheNext() {
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings(
        "supervisors { A = [\"" + AlertTestConfig.PHONE + "\"] }"));
    Alert high = new Alert(Alert.Kind.HIGH_VALUE, "A", "06", "06", "A", "A-06-06-A", "777",
        60L, new BigDecimal("7200.00"), 0, "ALERT zone A HIGH VALUE");
    Alert back = new Alert(Alert.Kind.RECOUNT, "A", "01", "05", "A", "A-01-05-A", "S9", -2L,
        new BigDecimal("-20.00"), 1, "ALERT zone A (A-01-05-A) sku S9 short: "
            + io.dockcount.store.RunRecord.SENT_BACK + "short value 20.00 >= 5.00");

    AlertOutbox.NewDelivery highSms = bySms(policy.plan(new AlertOutbox.Unplanned(7, high, 3L,
        "HIGH_VALUE"), NOW, (ch, to, since) -> 5, k -> false, 4));
    AlertOutbox.NewDelivery backSms = bySms(policy.plan(new AlertOutbox.Unplanned(8, back, 3L,
        "REQUESTED"), NOW, (ch, to, since) -> 5, k -> false, 4));
    AlertOutbox.NewDelivery underLimit = bySms(policy.plan(new AlertOutbox.Unplanned(9, high,
        3L, "HIGH_VALUE"), NOW, (ch, to, since) -> 4, k -> false, 4));

    assertEquals("FOLDED", highSms.status());
    assertEquals(0L, highSms.dueAfterRun(), "due at once: no run to wait for");
    assertEquals("held back by sms-limit: 5 per 60 min; in the zone's digest at once",
        highSms.note());
    assertEquals("FOLDED", backSms.status());
    assertEquals(5L, backSms.dueAfterRun(), "the zone's next scheduled run");
    assertEquals("held back by sms-limit: 5 per 60 min; waits for the zone's next digest",
        backSms.note());
    assertEquals("PENDING", underLimit.status());
    assertEquals(null, underLimit.note());
  }

  @Test
  void smsLimitReached_recountASupervisorReSends_stillSentAtOnce() {
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings(
        "supervisors { A = [\"" + AlertTestConfig.PHONE + "\"] }"));
    Alert resent = new Alert(Alert.Kind.RECOUNT, "A", "13", "17", "D", "A-13-17-D", "0777",
        -24L, new BigDecimal("-6922.32"), 1, "ALERT (re-sent by ana) zone A aisle 13");

    AlertOutbox.NewDelivery asked = bySms(policy.plan(new AlertOutbox.Unplanned(5, resent, null,
        null), NOW, (ch, to, since) -> 99, k -> false, 4));
    AlertOutbox.NewDelivery fromRun = bySms(policy.plan(new AlertOutbox.Unplanned(6, resent, 3L,
        "HIGH_VALUE"), NOW, (ch, to, since) -> 99, k -> false, 4));

    assertEquals("PENDING", asked.status(), "a supervisor asked for it: over the limit too");
    assertTrue(asked.body().startsWith("dockcount recount (re-sent by ana): zone A"),
        asked.body());
    assertEquals("FOLDED", fromRun.status(), "a run's recount waits for the digest");
  }

  @Test
  void moneyOfMoreThanTwoDecimals_saidExactlyNotRoundedToCents() {
    Alert over = new Alert(Alert.Kind.RECOUNT, "A", "02", "02", "A", "A-02-02-A", "0012345",
        4L, new BigDecimal("0.3380"), 0, "ALERT zone A over +4 EA value 0.338");

    assertTrue(AlertPolicy.sms(over).contains(" +4 EA value 0.338, first count"),
        AlertPolicy.sms(over));
    assertEquals("+0.338", AlertPolicy.signedMoney(new BigDecimal("0.3380")));
    assertEquals("-12.345", AlertPolicy.signedMoney(new BigDecimal("-12.345")));
    assertEquals("+10.00", AlertPolicy.signedMoney(new BigDecimal("10")));
  }

  @Test
  void varianceWithALikelyCause_smsAndDigestItemNameIt() {
    Alert unitError = new Alert(Alert.Kind.HIGH_VALUE, "A", "16", "03", "E", "A-16-03-E",
        "892117697868", -940L, new BigDecimal("-24101.60"), 0, "ALERT zone A HIGH VALUE: "
        + "probable unit error: 20 EA counted; 20 CS would match the book of 960 EA");
    AlertOutbox.Folded bookChanged = new AlertOutbox.Folded(9, "sms", AlertTestConfig.PHONE,
        "A", "A-04-17-C", "962537888588", "dockcount recount: zone A aisle 04 bay 17 level C "
        + "(A-04-17-C) sku 962537888588 ? EA value unknown, first count; book changed",
        null, 1, false, Alert.Kind.RECOUNT.name(), null, NOW);
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings("digest.top = 3"));

    String body = policy.digest("A", "sms", AlertTestConfig.PHONE, 7,
        List.of(item(1, "-10.00"), bookChanged), NOW).body();

    assertTrue(AlertPolicy.sms(unitError).endsWith("value -24101.60, first count; probable "
        + "unit error"), AlertPolicy.sms(unitError));
    Alert decideAgain = new Alert(Alert.Kind.RECOUNT, "A", "03", "02", "A", "A-03-02-A", "S6",
        null, null, 1, "ALERT zone A: supervisor: the book changed after the location was "
        + "settled, at the recount limit: send it back to count it again, or accept it again");
    assertTrue(AlertPolicy.sms(decideAgain).endsWith("? EA value unknown, recount 1; book "
        + "changed"), AlertPolicy.sms(decideAgain));
    assertEquals("dockcount zone A: 2 to recount: A-01-01-A SKU1 -10.00; A-04-17-C 962537888588 "
        + "book changed", body);
  }

  @Test
  void runNotSaved_toldToTheZonesSupervisorsAtOnce_thenItsAllClear() {
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings(
        "supervisors { A = [\"" + AlertTestConfig.PHONE + "\"] }"));
    java.util.Set<String> planned = new java.util.HashSet<>();

    List<AlertOutbox.NewDelivery> failed = plan(policy, 21, Alert.runFailed("A",
        "save the run of zone A: check constraint violated"), null, planned);
    List<AlertOutbox.NewDelivery> again = plan(policy, 22, Alert.runSavedAgain("A"), null,
        planned);

    assertEquals(List.of("PENDING", "PENDING"), statuses(failed), "sms and slack at once");
    AlertOutbox.NewDelivery sms = bySms(failed);
    assertEquals("dockcount: zone A reconciliation cannot be saved: no recount tasks until it "
        + "is; counts are kept; see the log", sms.body());
    assertEquals(AlertTestConfig.PHONE, sms.recipient());
    assertEquals("dockcount: zone A reconciliation is saved again", bySms(again).body());
    assertEquals(List.of("PENDING", "PENDING"), statuses(again), "its own message");
  }

  @Test
  void digest_serviceConditionFoldedInQuietHours_saidInWords() {
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings("digest.top = 3"));
    AlertOutbox.Folded station = new AlertOutbox.Folded(9, "sms", AlertTestConfig.PHONE, "A",
        "DOCK-2", "", "", null, 1, false, Alert.Kind.STATION_DISCONNECTED.name(), null, NOW);

    String body = policy.digest("A", "sms", AlertTestConfig.PHONE, 7,
        List.of(item(1, "-10.00"), station), NOW).body();

    assertEquals("dockcount zone A: 1 notice, 1 to recount: A-01-01-A SKU1 -10.00; station DOCK-2"
        + " disconnected", body);
  }

  private static List<AlertOutbox.NewDelivery> plan(AlertPolicy policy, long id, Alert a,
      Long run, java.util.Set<String> planned) {
    List<AlertOutbox.NewDelivery> out = policy.plan(new AlertOutbox.Unplanned(id, a, run,
        run == null ? null : "SCHEDULED"), NOW, (ch, to, since) -> 0, planned::contains, 4);
    out.forEach(d -> assertTrue(planned.add(d.dedupKey()), "dedup key reused: " + d.dedupKey()));
    return out;
  }

  private static AlertOutbox.NewDelivery bySms(List<AlertOutbox.NewDelivery> ds) {
    return ds.stream().filter(d -> d.channel().equals("sms")).findFirst().orElseThrow();
  }

  private static List<String> statuses(List<AlertOutbox.NewDelivery> ds) {
    return ds.stream().map(AlertOutbox.NewDelivery::status).toList();
  }
}
