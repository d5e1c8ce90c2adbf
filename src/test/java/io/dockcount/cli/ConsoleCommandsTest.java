package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.console.ConsoleFixture;
import io.dockcount.console.Passwords;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dockcount status}, {@code zone close} and {@code hash-password} on a real service. */
final class ConsoleCommandsTest {
  @TempDir
  static Path dir;

  private static ConsoleFixture f;
  private static Path tokenFile;

  @BeforeAll
  static void start() throws Exception {
    f = new ConsoleFixture(dir.resolve("service"), "{}");
    tokenFile = Files.writeString(dir.resolve("token"), ConsoleFixture.TOKEN + "\n");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** Exit code and what the command printed. */
  record Ran(int exit, String out, String err) {}

  static Ran run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("dockcount: " + e.getMessage());
      return 2;
    });
    int exit = cli.execute(args);
    return new Ran(exit, out.toString(), err.toString());
  }

  @Test
  void status_printsZonesAndStations() {
    f.count("B-01-01-A", "0100", 3);

    Ran r = run("status", "--url", f.base, "--token-file", tokenFile.toString());

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("master data snapshot"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("B\\s+0\\s+1\\s+0\\s+-\\s+-")), r.out());
    assertTrue(r.out().contains("station DOCK-1: "), r.out());
  }

  @Test
  void statusIdleFor_aScanWithinTheTime_busyExit3_andIdleOnceItIsOlder() throws Exception {
    f.count("B-01-01-A", "0100", 2);

    Ran busy = run("status", "--url", f.base, "--token-file", tokenFile.toString(),
        "--idle-for", "30m");
    Thread.sleep(2_100);
    Ran idle = run("status", "--url", f.base, "--token-file", tokenFile.toString(),
        "--idle-for", "2s");

    assertEquals(StatusCommand.BUSY, busy.exit(), busy.out() + busy.err());
    assertTrue(busy.out().matches("busy: station DOCK-1 read a scan \\d s ago \\(idle means "
        + "none for 1800 s\\)\\R"), busy.out());
    assertEquals(0, idle.exit(), idle.out() + idle.err());
    assertTrue(idle.out().matches("idle: no station has read a scan for 2 s \\(the last, at "
        + "DOCK-1, \\d+ s ago\\)\\R"), idle.out());
  }

  @Test
  void statusIdleFor_aScanOlderThanTheTimeButWithinTheNextWholeMinute_idleAtItsExactAge()
      throws Exception {
    f.count("B-01-01-A", "0100", 1);
    f.clock.advance(java.time.Duration.ofSeconds(100));
    Ran idle;
    Ran busy;
    try {
      idle = run("status", "--url", f.base, "--token-file", tokenFile.toString(),
          "--idle-for", "90s");
      busy = run("status", "--url", f.base, "--token-file", tokenFile.toString(),
          "--idle-for", "110s");
    } finally {
      f.clock.reset();
    }

    // The overview shows a 100 s age as 60 (whole minutes): quiet for 90 s is still idle.
    assertEquals(0, idle.exit(), idle.out() + idle.err());
    assertTrue(idle.out().matches("idle: no station has read a scan for 90 s \\(the last, at "
        + "DOCK-1, 10\\d s ago\\)\\R"), idle.out());
    assertEquals(StatusCommand.BUSY, busy.exit(), busy.out() + busy.err());
    assertTrue(busy.out().matches("busy: station DOCK-1 read a scan 10\\d s ago \\(idle means "
        + "none for 110 s\\)\\R"), busy.out());
  }

  @Test
  void statusIdleFor_aNumberWithoutUnitOrUnderASecond_refusedNeverReadAsMilliseconds() {
    f.count("B-01-01-A", "0100", 1);

    Ran bare = run("status", "--url", f.base, "--token-file", tokenFile.toString(),
        "--idle-for", "30");
    Ran tiny = run("status", "--url", f.base, "--token-file", tokenFile.toString(),
        "--idle-for", "500ms");

    // Read as a config file reads a bare 30 (milliseconds), a station just used looked idle.
    assertEquals(2, bare.exit(), bare.out() + bare.err());
    assertTrue(bare.err().contains("--idle-for '30' needs a unit (30m, 90s or 2h)"), bare.err());
    assertEquals("", bare.out());
    assertEquals(2, tiny.exit(), tiny.out() + tiny.err());
    assertTrue(tiny.err().contains("--idle-for '500ms' is under a second"), tiny.err());
  }

  @Test
  void statusIdleFor_noDurationOrTheServiceDown_exit2Or1NeverIdle() throws Exception {
    Ran bad = run("status", "--url", f.base, "--token-file", tokenFile.toString(),
        "--idle-for", "soon");
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Ran down = run("status", "--url", "http://127.0.0.1:" + closedPort, "--token-file",
        tokenFile.toString(), "--idle-for", "30m");

    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().contains("--idle-for 'soon' is no duration above zero"), bad.err());
    assertEquals(1, down.exit(), down.err());
    assertEquals("", down.out(), "a service that cannot be asked is not said to be idle");
  }

  @Test
  void status_aZoneTheWmsApisBookLacks_saidAsAProblemWithItsBooksAge() throws Exception {
    // A local WMS API whose book has zone A only; the service's book has zones A and B.
    com.sun.net.httpserver.HttpServer wms = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    byte[] page = ("{\"data\":[{\"sku\":\"0100\",\"location\":\"A-01-01-A\","
        + "\"book_qty\":10}]}").getBytes(StandardCharsets.UTF_8);
    wms.createContext("/stock", x -> {
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(200, page.length);
      x.getResponseBody().write(page);
      x.close();
    });
    wms.start();
    Path token = Files.writeString(dir.resolve("wms-token"), "local-test-token\n");
    com.typesafe.config.Config config = com.typesafe.config.ConfigFactory.parseMap(
        java.util.Map.of("dockcount.wms.http.url", "http://127.0.0.1:"
            + wms.getAddress().getPort(), "dockcount.wms.http.token-file", token.toString(),
            "dockcount.wms.http.paths.book", "/stock"));
    try (ConsoleFixture g = new ConsoleFixture(dir.resolve("service-wms"), "{}", config)) {
      Ran r = run("status", "--url", g.base, "--token-file", tokenFile.toString());
      for (int i = 0; i < 100 && !r.out().contains("zone B: no lines"); i++) {
        Thread.sleep(100); // the service pulls the WMS once it is up
        r = run("status", "--url", g.base, "--token-file", tokenFile.toString());
      }

      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith("wms PROBLEM: zone B: no lines in "
          + "the WMS's book (http http://127.0.0.1:" + wms.getAddress().getPort() + ") since ")
          && l.contains(": its book is kept (snapshot ") && l.endsWith(" ago)")), r.out());
    } finally {
      wms.stop(0);
    }
  }

  @Test
  void status_eachZoneSaysWhichBookSnapshotItWasReconciledAgainstAndWhen(@TempDir Path own)
      throws Exception {
    Path inbox = Files.createDirectories(own.resolve("inbox"));
    com.typesafe.config.Config config = com.typesafe.config.ConfigFactory.parseMap(
        java.util.Map.of("dockcount.wms.file-drop.inbox", inbox.toString(),
            "dockcount.wms.file-drop.poll-interval", "100ms"));
    try (ConsoleFixture g = new ConsoleFixture(own.resolve("service"), "{}", config)) {
      g.count("A-01-01-A", "0100", 10);
      Ran closed = run("zone", "close", "A", "--url", g.base, "--token-file",
          tokenFile.toString());
      assertEquals(0, closed.exit(), closed.err());
      Ran before = run("status", "--url", g.base, "--token-file", tokenFile.toString());

      // A delivery of zone A's book only: zone B keeps the start-up book.
      Files.writeString(inbox.resolve("book-a.csv"),
          "sku,location,book_qty\n0100,A-01-01-A,12\n0200,A-01-02-A,4\n0300,A-02-01-A,7\n");
      Files.createFile(inbox.resolve("book-a.csv.done"));
      Ran after = run("status", "--url", g.base, "--token-file", tokenFile.toString());
      for (int i = 0; i < 100 && !after.out().contains("(file book-a.csv, loaded "); i++) {
        Thread.sleep(100); // the file drop is polled
        after = run("status", "--url", g.base, "--token-file", tokenFile.toString());
      }

      assertEquals(0, before.exit(), before.err());
      String a = zoneLine(before.out(), "A");
      assertTrue(a.matches("zone A: book snapshot (\\d+) \\(console test book, loaded \\S+\\); "
          + "last reconciled \\S+ against it"), before.out());
      assertTrue(zoneLine(before.out(), "B").matches("zone B: book snapshot \\d+ \\(console "
          + "test book, loaded \\S+\\); not reconciled yet"), before.out());
      String startBook = a.replaceAll("^zone A: book snapshot (\\d+) .*", "$1");
      assertTrue(zoneLine(after.out(), "A").matches("zone A: book snapshot \\d+ \\(file "
          + "book-a.csv, loaded \\S+\\); last reconciled \\S+ against snapshot " + startBook
          + " \\(console test book, loaded \\S+\\) \\(not the snapshot in force: its next run "
          + "compares with that\\)"), after.out());
      assertTrue(zoneLine(after.out(), "B").startsWith("zone B: book snapshot " + startBook
          + " (console test book, loaded "), after.out());
      // A restart merges zone B's book into the newest snapshot, file book-a.csv's, which
      // carried it over: its lines are still named with the start-up book.
    }
    try (ConsoleFixture g = new ConsoleFixture(own.resolve("service"), "{}", config)) {
      Ran restarted = run("status", "--url", g.base, "--token-file", tokenFile.toString());
      for (int i = 0; i < 100 && !restarted.out().contains("zone B: book snapshot"); i++) {
        Thread.sleep(100);
        restarted = run("status", "--url", g.base, "--token-file", tokenFile.toString());
      }

      String b = zoneLine(restarted.out(), "B");
      assertTrue(b.matches("zone B: book snapshot \\d+, its lines for this zone from snapshot "
          + "\\d+ \\(console test book, loaded \\S+\\); not reconciled yet"), restarted.out());
      assertTrue(zoneLine(restarted.out(), "A").contains("(file book-a.csv, loaded "),
          restarted.out());
    }
  }

  @Test
  void status_aRecountUnderWay_saidProvisionalOnItsZonesLine(@TempDir Path own) {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      g.count("A-01-02-A", "0200", 2); // 2 of 4 pumps: recounted
      g.closeLocation("A-01-02-A");
      Ran closed = run("zone", "close", "A", "--url", g.base, "--token-file",
          tokenFile.toString());
      assertEquals(0, closed.exit(), closed.err());
      Ran before = run("status", "--url", g.base, "--token-file", tokenFile.toString());

      g.count("A-01-02-A", "0200", 4); // the recount's first scan
      Ran during = run("status", "--url", g.base, "--token-file", tokenFile.toString());

      assertFalse(zoneLine(before.out(), "A").contains("provisional"), before.out());
      assertTrue(zoneLine(during.out(), "A").endsWith("; provisional (still_counting lines): "
          + "0 location(s) being counted, 1 recount(s) under way"), during.out());
    }
  }

  private static String zoneLine(String out, String zone) {
    return out.lines().filter(l -> l.startsWith("zone " + zone + ": ")).findFirst()
        .orElse("(no line for zone " + zone + ")");
  }

  @Test
  void status_aMessageGivenUp_saidWithItsRecipientMasked() throws Exception {
    String url = "jdbc:h2:file:" + f.service.store().settings().path().toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE";
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        java.sql.Statement st = c.createStatement()) {
      // As the notifier leaves a message whose retries were spent while Twilio was down.
      st.execute("INSERT INTO alert_delivery (channel, recipient, kind, zone, dedup_key, body, "
          + "status, attempts, next_attempt, last_error, created, done) VALUES ('sms', "
          + "'+15551234567', 'HIGH_VALUE', 'A', 'test|given up', 'dockcount HIGH VALUE', "
          + "'FAILED', 12, CURRENT_TIMESTAMP, 'gave up after 12 attempts: Twilio 500', "
          + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    Ran r = run("status", "--url", f.base, "--token-file", tokenFile.toString());

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("MESSAGES GIVEN UP: 1 in the last 24 h, the latest a HIGH_VALUE "
        + "sms to +1******4567 (zone A) at "), r.out());
    assertTrue(r.out().contains(": gave up after 12 attempts: Twilio 500; re-send what still "
        + "matters from the console"), r.out());
    assertTrue(!r.out().contains("+15551234567"), "the number masked");
  }

  @Test
  void status_aVarianceTheSmsLimitHeldBack_saidWhileItWaitsForItsDigest() throws Exception {
    String url = "jdbc:h2:file:" + f.service.store().settings().path().toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE";
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        java.sql.Statement st = c.createStatement()) {
      // As the notifier folds a recount sent back over the limit (its digest far off).
      st.execute("INSERT INTO alert_delivery (channel, recipient, kind, zone, dedup_key, body, "
          + "status, next_attempt, last_error, due_after_run, location, sku, created) VALUES "
          + "('sms', '+15551234568', 'RECOUNT', 'A', 'test|held back', 'dockcount recount', "
          + "'FOLDED', CURRENT_TIMESTAMP, 'held back by sms-limit: 5 per 60 min; waits for the "
          + "zone''s next digest', 9000000000000000000, 'A-01-05-A', 'S9', CURRENT_TIMESTAMP)");
    }

    Ran r = run("status", "--url", f.base, "--token-file", tokenFile.toString());

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("SMS HELD BACK: 1 variance message(s) over the SMS limit wait for "
        + "their zone's digest, the latest a RECOUNT at A-01-05-A (zone A) to +1******4568 at "),
        r.out());
    assertTrue(r.out().contains("(held back by sms-limit: 5 per 60 min; waits for the zone's "
        + "next digest)"), r.out());
  }

  @Test
  void status_withTheSiteConfig_findsTheConsoleAndTokenThere() throws Exception {
    String port = f.base.substring(f.base.lastIndexOf(':') + 1);
    Path site = Files.writeString(dir.resolve("site.conf"), "dockcount.console {\n"
        + "  host = \"0.0.0.0\", port = " + port + ",\n"
        + "  api-token-file = \"" + tokenFile + "\"\n}\n");

    Ran r = run("status", "--config", site.toString());

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("master data snapshot"), r.out());
  }

  @Test
  void zoneClose_closesCountedLocations_andReportsMissing() {
    f.count("A-01-01-A", "0100", 10);

    Ran r = run("zone", "close", "A", "--url", f.base, "--token-file", tokenFile.toString());

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("zone A closed: 1 location(s) closed, 0 refused, "
        + "0 still counting; run "),
        r.out());
    assertTrue(r.out().contains(" 2 missing, net variance 0.00"), r.out());
  }

  @Test
  void zoneCloseAndStatus_noVarianceZero_noneValuedUnknown_partlyValuedWithLinesLeftOut(
      @TempDir Path own) {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      String[] as = {"--url", g.base, "--token-file", tokenFile.toString()};
      g.count("B-01-01-A", "0100", 3);
      Ran matched = run(with(as, "zone", "close", "B"));
      Ran matchedStatus = run(with(as, "status"));
      g.count("B-01-02-A", "0400", 2); // off the book, and no cost
      Ran unpriced = run(with(as, "zone", "close", "B"));
      g.count("A-01-01-A", "0100", 9); // 1 short of 10 at 5.00
      g.count("A-01-01-A", "0400", 1);
      Ran partly = run(with(as, "zone", "close", "A"));
      Ran status = run(with(as, "status"));

      assertTrue(matched.out().contains(" 0 missing, net variance 0.00\n"), matched.out());
      assertTrue(matchedStatus.out().lines().anyMatch(l -> l.matches(
          "B\\s+1\\s+1\\s+0\\s+0\\.00\\s+0\\.00")), matchedStatus.out());
      assertTrue(unpriced.out().contains(
          " 0 missing, net variance unknown (1 variance line, none valued)\n"), unpriced.out());
      assertTrue(partly.out().contains(
          " 2 missing, net variance -5.00 (+1 variance line not valued)\n"), partly.out());
      assertTrue(status.out().lines().anyMatch(l -> l.matches("A\\s+1\\s+3\\s+\\d+\\s+5\\.00"
          + "\\s+-5\\.00  \\+ 1 variance line\\(s\\) not valued \\(no cost, or the book "
          + "changed since the count\\)")), status.out());
      assertTrue(status.out().lines().anyMatch(l -> l.matches("B\\s+2\\s+2\\s+\\d+\\s+unknown"
          + "\\s+unknown  1 variance line\\(s\\) not valued \\(no cost, or the book changed "
          + "since the count\\)")), status.out());
    }
  }

  private static String[] with(String[] options, String... command) {
    String[] all = java.util.Arrays.copyOf(command, command.length + options.length);
    System.arraycopy(options, 0, all, command.length, options.length);
    return all;
  }

  @Test
  void zoneClose_aLocationAStationHasOpen_saidStillCountingWithWhy(@TempDir Path own) {
    try (io.dockcount.console.ConsoleFixture g = new io.dockcount.console.ConsoleFixture(own,
        "{}")) {
      g.count("A-01-01-A", "0100", 4);
      g.live.put("DOCK-2", new io.dockcount.console.StationStatus.Live(true, null, "bo",
          "A-01-01-A"));

      Ran r = run("zone", "close", "A", "--url", g.base, "--token-file", tokenFile.toString());

      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().startsWith("zone A closed: 0 location(s) closed, 0 refused, "
          + "1 still counting; run "), r.out());
      assertTrue(r.out().contains("\n  still counting: A-01-01-A: being counted (1 count) at "
          + "DOCK-2: left open; its counter's close (CTL:CLOSE) closes it\n"), r.out());
    }
  }

  @Test
  void zoneConfirm_resolvedLocationConfirmed_closedOneRefused(@TempDir Path own) {
    try (io.dockcount.console.ConsoleFixture g = new io.dockcount.console.ConsoleFixture(own,
        "{}")) {
      g.count("B-01-01-A", "0100", 1);
      g.closeLocation("B-01-01-A");
      Ran early = run("zone", "confirm", "B-01-01-A", "--url", g.base, "--token-file",
          tokenFile.toString());
      g.post("/api/locations/B-01-01-A/accept", "{\"reason\":\"DAMAGED\"}",
          "Authorization", "Bearer " + io.dockcount.console.ConsoleFixture.TOKEN);

      Ran r = run("zone", "confirm", "B-01-01-A", "--url", g.base, "--token-file",
          tokenFile.toString());

      assertEquals(1, early.exit(), "a closed location is not settled yet: " + early.out());
      assertTrue(early.err().contains("is closed and not yet resolved: a supervisor accepts its "
          + "variance (or sends it back) first"), early.err());
      assertEquals(0, r.exit(), r.err());
      assertEquals("B-01-01-A confirmed (first count)", r.out().strip());
    }
  }

  @Test
  void zoneConfirm_repeated_done_saysAlreadyConfirmed_journalledOnce(@TempDir Path own) {
    try (io.dockcount.console.ConsoleFixture g = new io.dockcount.console.ConsoleFixture(own,
        "{}")) {
      g.count("B-01-01-A", "0100", 1);
      g.closeLocation("B-01-01-A");
      g.post("/api/locations/B-01-01-A/accept", "{\"reason\":\"DAMAGED\"}",
          "Authorization", "Bearer " + io.dockcount.console.ConsoleFixture.TOKEN);
      Ran first = run("zone", "confirm", "B-01-01-A", "--url", g.base, "--token-file",
          tokenFile.toString());
      long events = g.service.store().counts().get("location_event");

      Ran again = run("zone", "confirm", "B-01-01-A", "--url", g.base, "--token-file",
          tokenFile.toString());
      Ran typo = run("zone", "confirm", "B-09-09-Z", "--url", g.base, "--token-file",
          tokenFile.toString());
      Ran noZone = run("zone", "confirm", "Q-01-01-A", "--url", g.base, "--token-file",
          tokenFile.toString());

      assertEquals(0, first.exit(), first.err());
      assertEquals(0, again.exit(), "a retry of a confirm that took effect: " + again.err());
      assertEquals("B-01-01-A confirmed (first count): already confirmed: nothing done again",
          again.out().strip());
      assertEquals(events, g.service.store().counts().get("location_event"),
          "nothing journalled twice (nor posted twice)");
      assertEquals(2, typo.exit(), "no such location: retrying cannot mend it: " + typo.err());
      assertTrue(typo.err().startsWith("dockcount: the service refused (HTTP 404): no location "
          + "B-09-09-Z in zone B"), typo.err());
      // A location in a zone the book does not have is as unknown (was 409, exit 1).
      assertEquals(2, noZone.exit(), noZone.err());
      assertTrue(noZone.err().startsWith("dockcount: the service refused (HTTP 404): location "
          + "Q-01-01-A is in zone Q, which the book does not have"), noZone.err());
    }
  }

  @Test
  void zoneHelp_listsTheExitCodesTheCommandsGive() {
    Ran zone = run("zone", "--help");
    Ran confirm = run("zone", "confirm", "--help");
    Ran status = run("status", "--help");

    // One rule for every console command, from ConsoleClient.refused: 1 may pass later, 2 not.
    for (Ran help : java.util.List.of(zone, confirm, status)) {
      String text = help.out().replaceAll("\\s+", " ");
      assertEquals(0, help.exit(), help.err());
      assertTrue(text.contains(" 1 the service cannot be reached, or refused as things stand "
          + "(HTTP 409, 5xx): may succeed later 2 the request is wrong: unknown zone or "
          + "location (HTTP 404), a move a confirmed location can never make (422), bad input "
          + "(400), refused token (401), bad options"), text);
    }
    assertTrue(status.out().contains("3   with --idle-for, a station is not idle"), status.out());
  }

  @Test
  void zoneConfirm_locationNeverCountedAndAnUnknownZone_refusedExit1ThenWrongExit2() {
    Ran notCounted = run("zone", "confirm", "A-02-01-A", "--url", f.base, "--token-file",
        tokenFile.toString());
    Ran noSuchZone = run("zone", "confirm", "C-09-09-A", "--url", f.base, "--token-file",
        tokenFile.toString());
    Ran unknownZone = run("zone", "close", "NOPE", "--url", f.base, "--token-file",
        tokenFile.toString());

    assertEquals(1, notCounted.exit(), notCounted.err());
    assertTrue(notCounted.err().startsWith("dockcount: the service refused (HTTP 409): "),
        notCounted.err());
    assertEquals(2, noSuchZone.exit(), "zone C is on no book: " + noSuchZone.err());
    assertTrue(noSuchZone.err().startsWith("dockcount: the service refused (HTTP 404): "),
        noSuchZone.err());
    assertEquals(2, unknownZone.exit(), unknownZone.err());
  }

  @Test
  void zoneClose_unknownZone_exit2() {
    Ran r = run("zone", "close", "NOPE", "--url", f.base, "--token-file", tokenFile.toString());

    assertEquals(2, r.exit());
    assertEquals("dockcount: the service refused (HTTP 404): no zone NOPE", r.err().strip());
  }

  @Test
  void wrongToken_exit2_noToken_exit2() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-right-token-at-all");

    Ran refused = run("status", "--url", f.base, "--token-file", wrong.toString());
    Ran none = run("status", "--url", f.base, "--token-file", dir.resolve("absent").toString());

    assertEquals(2, refused.exit());
    assertEquals("dockcount: the service refused (HTTP 401): wrong API token",
        refused.err().strip());
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("--token-file " + dir.resolve("absent") + " cannot be read"),
        none.err());
  }

  @Test
  void status_serviceWithoutAnyToken_saysSoRatherThanWrongToken_exit2() {
    Ran r;
    try (ConsoleFixture g = new ConsoleFixture(dir.resolve("service-no-token"), "{}",
        com.typesafe.config.ConfigFactory.empty(), java.util.Map.of())) {
      r = run("status", "--url", g.base, "--token-file", tokenFile.toString());
    }

    assertEquals(2, r.exit());
    assertEquals("dockcount: the service refused (HTTP 401): this service has no API token: "
        + "set console.api-token-file in its config (or DOCKCOUNT_API_TOKEN in its environment) "
        + "and restart it", r.err().strip());
  }

  @Test
  void status_scannerUnpluggedAndCounterAtALocation_saidOnTheStationsLine(@TempDir Path own) {
    try (io.dockcount.console.ConsoleFixture g = new io.dockcount.console.ConsoleFixture(own,
        "{}")) {
      g.live.put("DOCK-1", new io.dockcount.console.StationStatus.Live(false, null, "", ""));
      g.live.put("DOCK-2", new io.dockcount.console.StationStatus.Live(true, null, "bo",
          "A-01-01-A"));

      Ran r = run("status", "--url", g.base, "--token-file", tokenFile.toString());

      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith("station DOCK-1: ")
          && l.endsWith("; SCANNER OFFLINE")), r.out());
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith("station DOCK-2: ")
          && l.endsWith("; bo logged in at A-01-01-A")), r.out());
    }
  }

  @Test
  void status_urlWithoutItsScheme_exit2SayingHowToWriteIt() {
    Ran r = run("status", "--url", "127.0.0.1:21969", "--token-file", tokenFile.toString());
    Ran named = run("status", "--url", "localhost:21969", "--token-file", tokenFile.toString());

    assertEquals(2, r.exit());
    assertEquals("dockcount: --url 127.0.0.1:21969: give the console's address as "
        + "http://HOST:PORT (https:// with TLS)", r.err().strip());
    assertEquals(2, named.exit());
    assertTrue(named.err().contains("--url localhost:21969: give the console's address"),
        named.err());
  }

  @Test
  void status_noServiceListening_exit1() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }

    Ran r = run("status", "--url", "http://127.0.0.1:" + port, "--token-file",
        tokenFile.toString());

    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("dockcount: no service answers at http://127.0.0.1:" + port),
        r.err());
  }

  @Test
  void hashPassword_fromStandardInput_verifies() {
    InputStream in = System.in;
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream("dock-pass-1\n".getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      assertEquals(0, Main.run("hash-password", "--iterations", "1000"));
    } finally {
      System.setIn(in);
      System.setOut(out);
    }

    String hash = printed.toString(StandardCharsets.UTF_8).strip();
    assertTrue(hash.startsWith("pbkdf2-sha256$1000$"), hash);
    assertTrue(Passwords.verify("dock-pass-1".toCharArray(), hash));
  }

  @Test
  void hashPassword_tooShort_refusedWithExit2() {
    assertEquals("dockcount: a console password needs at least 10 characters (a few words "
        + "will do)", hashPasswordRefused("abcde\n"));
  }

  @Test
  void hashPassword_secondLineDiffers_refusedWithExit2() {
    assertEquals("dockcount: the two passwords on standard input differ",
        hashPasswordRefused("abcdefghijkl\nabcdefghijkX\n"));
  }

  /** Runs hash-password on {@code input}, expects exit 2, and returns what it said. */
  private static String hashPasswordRefused(String input) {
    InputStream in = System.in;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
      assertEquals(2, Main.run("hash-password", "--iterations", "1000"));
    } finally {
      System.setIn(in);
      System.setErr(err);
    }
    return printed.toString(StandardCharsets.UTF_8).strip();
  }
}
