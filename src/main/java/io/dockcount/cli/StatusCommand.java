package io.dockcount.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the running service's count status through the console API: one line per zone, the
 * open recounts, the stations and the book snapshot. Exit 0 when answered, 1 when the service
 * cannot be reached, 2 for a refused token or bad options; with {@code --idle-for}, 3 when a
 * station is not idle.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the running service's zones, recounts and stations (console API).",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {ConsoleClient.EXIT_DONE, ConsoleClient.EXIT_REFUSED,
        ConsoleClient.EXIT_WRONG, "3:with --idle-for, a station is not idle"})
final class StatusCommand extends ConsoleCall {
  /** Exit code of {@code --idle-for} when a station read a scan within the time given. */
  static final int BUSY = 3;

  @Option(names = "--idle-for", paramLabel = "DURATION",
      description = "Only say whether the stations are idle: exit 0 when none has read a scan "
          + "for DURATION (30m, 2h), " + BUSY + " when one has, 1 when the service cannot be "
          + "reached: for a script that waits for a quiet moment (an upgrade).")
  String idleFor;

  @Override
  public Integer call() {
    if (idleFor == null) {
      return ConsoleClient.exchange(() -> client.get("/api/overview"), err(),
          b -> print(b, out()));
    }
    Duration idle = idleDuration();
    int[] exit = {0};
    int answered = ConsoleClient.exchange(() -> client.get("/api/overview"), err(),
        b -> exit[0] = idle(b, idle, out()));
    return answered != 0 ? answered : exit[0];
  }

  /**
   * {@code --idle-for} read as a config file's duration is ({@code 30m}, {@code 2h}), with its
   * unit required: a bare {@code 30} would be 30 ms there, and every station idle here.
   */
  private Duration idleDuration() {
    String text = idleFor.strip();
    if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--idle-for '" + idleFor
          + "' needs a unit (30m, 90s or 2h)");
    }
    Duration d;
    try {
      d = com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of("idle", text))
          .getDuration("idle");
    } catch (com.typesafe.config.ConfigException e) {
      d = null;
    }
    if (d == null || d.isNegative() || d.isZero()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--idle-for '" + idleFor
          + "' is no duration above zero (write it as 30m, 90s or 2h)");
    }
    if (d.toSeconds() == 0) {
      // Ages are whole seconds: under one, a scan this very second would read as idle.
      throw new CommandLine.ParameterException(spec.commandLine(), "--idle-for '" + idleFor
          + "' is under a second, the finest an age is known to (write it as 30m, 90s or 2h)");
    }
    return d;
  }

  /**
   * Says whether every station has been quiet for {@code idle}, as the service measures it
   * (its own clock, not this one's): the one station most recently read names why it is not.
   */
  static int idle(JsonNode b, Duration idle, PrintWriter out) {
    String latest = null;
    long youngest = Long.MAX_VALUE;
    for (JsonNode s : b.path("stations")) {
      long age = ageSeconds(s, b.path("now"));
      if (age >= 0 && age < youngest) {
        youngest = age;
        latest = s.path("station").asText();
      }
    }
    if (latest != null && youngest < idle.toSeconds()) {
      out.printf("busy: station %s read a scan %d s ago (idle means none for %d s)%n", latest,
          youngest, idle.toSeconds());
      out.flush();
      return BUSY;
    }
    out.printf("idle: no station has read a scan for %d s%s%n", idle.toSeconds(),
        latest == null ? " (none has read one since the start)"
            : " (the last, at " + latest + ", " + youngest + " s ago)");
    out.flush();
    return 0;
  }

  /**
   * A station's last scan's age in whole seconds, or -1 where it has none: the answer's own
   * time less the scan's, both on the service's clock. A time it cannot read is taken as this
   * second, so such an answer is never said to be idle.
   */
  private static long ageSeconds(JsonNode station, JsonNode now) {
    JsonNode last = station.path("lastScan");
    if (!last.isTextual()) {
      return -1;
    }
    try {
      return Math.max(0, Duration.between(java.time.OffsetDateTime.parse(last.asText()),
          java.time.OffsetDateTime.parse(now.asText())).toSeconds());
    } catch (java.time.format.DateTimeParseException e) {
      return 0;
    }
  }

  private static void print(JsonNode b, PrintWriter out) {
    String restored = b.path("store").path("restoredFrom").asText("");
    if (!restored.isEmpty() && !b.path("store").path("restoredFrom").isNull()) {
      out.printf("DATABASE RESTORED FROM BACKUP %s at start: counts recorded after it are lost%n",
          restored);
    }
    JsonNode failure = b.path("store").path("writeFailure");
    if (!failure.isMissingNode() && !failure.isNull()) {
      out.printf("%s%n", failure.asText());
    }
    JsonNode given = b.path("givenUp");
    if (given.isObject()) {
      // Retries spent (a provider down for longer than they last): nobody got these.
      out.printf("MESSAGES GIVEN UP: %s in the last 24 h, the latest a %s %s to %s (zone %s) at "
          + "%s: %s; re-send what still matters from the console%n", given.path("count").asText(),
          given.path("kind").asText(), given.path("channel").asText(),
          given.path("recipient").asText(), given.path("zone").asText(),
          given.path("at").asText(), given.path("error").asText());
    }
    JsonNode held = b.path("heldBack");
    if (held.isObject()) {
      // Over sms-limit: these variances were not texted on their own and wait for a digest.
      out.printf("SMS HELD BACK: %s variance message(s) over the SMS limit wait for their "
          + "zone's digest, the latest a %s at %s (zone %s) to %s at %s (%s)%n",
          held.path("count").asText(), held.path("kind").asText(),
          held.path("location").asText(), held.path("zone").asText(),
          held.path("recipient").asText(), held.path("at").asText(),
          held.path("note").asText());
    }
    JsonNode snap = b.path("snapshot");
    // The snapshot in force holds every zone's book; its source is the delivery that made it,
    // which may have brought only some zones (the others carried over).
    out.printf("master data snapshot %s in force: %s book lines, every zone; last delivery %s,"
        + " loaded %s%n", snap.path("id").asText("-"), snap.path("lines").asText("-"),
        snap.path("source").asText("-"), snap.path("loaded").asText("-"));
    out.printf("%-12s %9s %8s %9s %14s %14s%n", "zone", "counted", "of", "recounts",
        "abs variance", "net variance");
    for (JsonNode z : b.path("zones")) {
      int unvalued = z.path("linesWithoutValue").asInt();
      // Without a value and with a run, its variances have none: unknown, never 0.00.
      String none = z.path("lastRun").isTextual() ? "unknown" : "-";
      out.printf("%-12s %9d %8d %9d %14s %14s%s%n", z.path("zone").asText(),
          z.path("counted").asInt(), z.path("locations").asInt(), z.path("recountsOpen").asInt(),
          z.path("absValue").asText(none), z.path("netValue").asText(none),
          // 0.00 beside variances that have no cost would read as no variance at all.
          unvalued == 0 ? "" : "  " + (z.path("netValue").isTextual() ? "+ " : "") + unvalued
              + " variance line(s) not valued (no cost, or the book changed since the count)");
    }
    for (JsonNode z : b.path("zones")) {
      out.printf("zone %s: %s%s%n", z.path("zone").asText(), bookAndRun(z), provisional(z));
    }
    JsonNode wms = b.path("wms");
    for (JsonNode src : wms.path("sources")) {
      out.printf("wms %s: %s%s (%s)%n", src.path("source").asText(),
          src.path("ok").asBoolean() ? "" : "PROBLEM: ", src.path("detail").asText(),
          src.path("at").asText("-"));
    }
    JsonNode export = wms.path("export");
    if (export.isObject()) {
      out.printf("wms export: %s (%s)%n", export.path("failure").isNull()
          ? (export.path("refused").isEmpty() ? "ok" : "PROBLEM: the WMS refused "
              + export.path("refused").size() + " item group(s), the others were sent; first: "
              + export.path("refused").get(0).asText())
          : "PROBLEM: failed: " + export.path("failure").asText(), export.path("at").asText());
    }
    wms.path("stale").fields().forEachRemaining(z -> out.printf(
        "wms: zone %s's book is stale (%d s old)%n", z.getKey(), z.getValue().asLong()));
    for (JsonNode z : wms.path("absent")) {
      out.printf("wms %s%s%n", z.path("kept").asBoolean() ? "PROBLEM: " : "",
          z.path("detail").asText());
    }
    for (JsonNode s : b.path("stations")) {
      // An unplugged scanner read only as "quiet", as does a station nobody is at.
      JsonNode connected = s.path("connected");
      String counter = s.path("counter").asText("");
      String location = s.path("location").asText("");
      out.printf("station %s: %d scans, %d in the last minute, last %s%s%s%s%n",
          s.path("station").asText(), s.path("scans").asLong(), s.path("perMinute").asLong(),
          s.path("lastScan").asText("never"), s.path("quiet").asBoolean() ? " (quiet)" : "",
          counter.isEmpty() ? "" : "; " + counter + " logged in"
              + (location.isEmpty() ? "" : " at " + location),
          connected.isBoolean() && !connected.asBoolean() ? "; SCANNER OFFLINE" : "");
    }
    out.flush();
  }

  /**
   * Which book snapshot the zone compares with and which one its figures above were reconciled
   * against, and when: a delivery may bring some zones only, so the snapshot in force overall
   * does not say it, and a book that came after the last run is not in its figures yet.
   */
  static String bookAndRun(JsonNode z) {
    JsonNode book = z.path("book");
    JsonNode from = z.path("bookFrom");
    // A snapshot merges every zone's book: one that only carried this zone's over is named
    // with the delivery that brought it, not with the other zones' delivery that made it.
    String bookText = !book.isObject() ? "no book snapshot"
        : from.isObject() ? "book snapshot " + book.path("id").asText() + ", its lines for this "
            + "zone from snapshot " + describe(from)
        : "book snapshot " + describe(book);
    JsonNode run = z.path("lastRunSnapshot");
    if (z.path("lastRun").isMissingNode() || z.path("lastRun").isNull()) {
      return bookText + "; not reconciled yet";
    }
    String at = "; last reconciled " + z.path("lastRun").asText();
    if (!run.isObject()) {
      return bookText + at + " against no book snapshot";
    }
    if (book.isObject() && book.path("id").asLong() == run.path("id").asLong()) {
      return bookText + at + " against it";
    }
    return bookText + at + " against snapshot " + describe(run)
        + " (not the snapshot in force: its next run compares with that)";
  }

  /**
   * The locations whose lines in the figures above are provisional (flag still_counting): a
   * first count or a recount being scanned, its figures those counted so far.
   */
  static String provisional(JsonNode z) {
    int started = z.path("started").asInt();
    int recounting = z.path("recountsUnderWay").asInt();
    if (started == 0 && recounting == 0) {
      return "";
    }
    return "; provisional (still_counting lines): " + started + " location(s) being counted, "
        + recounting + " recount(s) under way";
  }

  private static String describe(JsonNode s) {
    return s.path("id").asText() + " (" + s.path("source").asText("source unknown")
        + ", loaded " + s.path("loaded").asText("-") + ")";
  }
}
