package io.dockcount.alert;

import io.dockcount.core.CountRound;
import io.dockcount.core.Money;
import io.dockcount.store.AlertOutbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Decides which messages an alert becomes: pure, no I/O (what it needs from the outbox comes in
 * as arguments).
 *
 * <ul>
 *   <li>Each kind goes to its configured channels; SMS to the zone's supervisors, Slack to the
 *       one webhook. The radio is not planned here: it is live only.
 *   <li>A recount found by a run always waits for the zone's cycle digest.
 *   <li>A station problem, a stale book or a recount re-sent from the console, raised outside
 *       a run ({@code Service.raise}), is its own message each time, since its raiser alerts
 *       once per episode or request; a re-sent recount goes out at once.
 *   <li>The SMS limit per supervisor and window counts and holds back a run's variances only
 *       (notices are said once and go out anyway). Beyond it a recount a supervisor sent back
 *       folds into the zone's next digest; a high-value variance folds too, but its digest
 *       goes out at once: the limit makes a burst of them one text, it never makes one late.
 *   <li>In quiet hours every SMS folds into the first digest after; so does a second alert at
 *       the same location and round (one immediate message per location and round; the rest
 *       are not lost, they go in the digest).
 *   <li>A digest goes out once per zone, channel and recipient per scheduled reconciliation
 *       run (or when an item waited {@code digest.max-wait}, or a high-value one is held back),
 *       carrying every item folded for it so far, with the top items by value (signed,
 *       high-value ones marked {@code HIGH VALUE}, and how many of those left out are); never
 *       an SMS digest in quiet hours.
 * </ul>
 */
public final class AlertPolicy {
  static final String PENDING = "PENDING";
  static final String FOLDED = "FOLDED";
  /** The run a folded message waits for when it is due at once: every zone has had it. */
  static final long AT_ONCE = 0;

  private final AlertSettings settings;

  public AlertPolicy(AlertSettings settings) {
    this.settings = settings;
  }

  /** How many of a run's variance SMS (what the limit counts) went to a recipient since. */
  @FunctionalInterface
  public interface RecentCount {
    int since(String channel, String recipient, Instant since);
  }

  /**
   * The messages for one alert.
   *
   * @param planned whether a message with this dedup key exists already
   * @param lastScheduledRun the zone's newest scheduled run (0 if none)
   */
  public List<AlertOutbox.NewDelivery> plan(AlertOutbox.Unplanned u, Instant now,
      RecentCount recent, Predicate<String> planned, long lastScheduledRun) {
    Alert a = u.alert();
    List<AlertOutbox.NewDelivery> out = new ArrayList<>();
    if ((a.kind() == Alert.Kind.STATION_DISCONNECTED || a.kind() == Alert.Kind.LOCATION_LEFT_OPEN)
        && a.line().startsWith(Alert.CLEARED)) {
      // A scanner back, a location left open at a station again: kept as the report's end
      // (a restart reads it), texted to nobody.
      return out;
    }
    // Raised outside a run: a station problem, a stale book or a supervisor's re-send. Their
    // raisers alert once until the condition clears (or on request), so each raise is its own
    // message: the outbox id joins the dedup key, and a re-sent recount does not wait for the
    // digest, nor for the rate limit (a supervisor asked for it). Quiet hours still apply. A
    // high-value alert only ever comes from a run; raised, it keeps the per-location-and-round
    // rule.
    boolean raised = u.runId() == null && a.kind() != Alert.Kind.HIGH_VALUE;
    // A supervisor's send-back asks the floor for a recount now: told at once, not in the
    // next cycle's digest (which may come after the recount, or never).
    boolean sentBack = a.line().contains(io.dockcount.store.RunRecord.SENT_BACK);
    boolean digestOnly = a.kind() == Alert.Kind.RECOUNT && !raised && !sentBack;
    // A recount from a scheduled run goes in that run's digest; anything else in the next one.
    long dueAfter = digestOnly && "SCHEDULED".equals(u.trigger()) && u.runId() != null
        ? u.runId() : lastScheduledRun + 1;
    for (AlertSettings.Channel ch : settings.channels().get(a.kind())) {
      if (ch == AlertSettings.Channel.RADIO) {
        continue;
      }
      String channel = ch.name().toLowerCase(Locale.ROOT);
      List<String> recipients = ch == AlertSettings.Channel.SMS
          ? settings.supervisorsOf(a.zone()) : List.of(settings.slack().name());
      for (String to : recipients) {
        String key = channel + "|" + to + "|" + a.dedupKey()
            + (raised ? "|raised " + u.id() : "");
        boolean fold = digestOnly || planned.test(key);
        boolean held = false;
        if (!fold && ch == AlertSettings.Channel.SMS) {
          // The rate limit holds back a run's variances, which a digest can list (and counts
          // only those); a condition of the service (a scanner gone, the store failing) is said
          // once and goes out anyway, as does a recount a supervisor re-sends.
          held = !settings.quietHours().contains(now) && isVariance(a.kind()) && !raised
              && recent.since(channel, to, now.minus(settings.smsWindow())) >= settings.smsLimit();
          fold = held || settings.quietHours().contains(now);
        }
        // A high-value variance is news nobody has yet: beyond the limit it goes in its zone's
        // digest at once (the limit merges the ones found together, it never makes one late).
        // In quiet hours, or behind an SMS for its location and round, it waits as the rest.
        long due = held && a.kind() == Alert.Kind.HIGH_VALUE ? AT_ONCE : dueAfter;
        String body = ch == AlertSettings.Channel.SMS ? sms(a) : slack(a);
        out.add(new AlertOutbox.NewDelivery(u.id(), channel, to, a.kind().name(), a.zone(),
            fold ? key + "|" + a.sku() + "|" + u.id() + "|folded" : key, body,
            fold ? FOLDED : PENDING, now, a.value() == null ? null : a.value().abs(),
            a.location(), a.sku(), fold ? due : null, held ? AlertOutbox.HELD_BACK
                + settings.smsLimit() + " per " + settings.smsWindow().toMinutes() + " min; "
                + (due == AT_ONCE ? "in the zone's digest at once" : "waits for the zone's "
                + "next digest") : null));
      }
    }
    return out;
  }

  /** Whether a digest may go out now on a channel (never an SMS digest in quiet hours). */
  public boolean digestAllowed(String channel, Instant now) {
    return !"sms".equals(channel) || !settings.quietHours().contains(now);
  }

  /**
   * One digest for the folded items of a zone, channel and recipient: the top items by value,
   * then how many more, kept within the configured length.
   */
  public AlertOutbox.NewDelivery digest(String zone, String channel, String recipient,
      long run, List<AlertOutbox.Folded> items, Instant now) {
    List<AlertOutbox.Folded> top = new ArrayList<>(items);
    top.sort(Comparator.comparing((AlertOutbox.Folded f) -> f.absValue() == null
            ? BigDecimal.valueOf(-1) : f.absValue()).reversed()
        .thenComparing(AlertOutbox.Folded::location).thenComparing(AlertOutbox.Folded::sku));
    // A variance that stood through its recounts is the supervisor's to decide, not another
    // recount: the digest says which is which, or the second looks like the first again.
    long decide = items.stream().filter(AlertPolicy::forSupervisor).count();
    long notices = items.stream().filter(f -> !isVariance(kindOf(f))).count();
    long recount = items.size() - decide - notices;
    String head = recount == 0 && decide == 0 ? notices + (notices == 1 ? " notice:" : " notices:")
        : (notices == 0 ? "" : notices + (notices == 1 ? " notice, " : " notices, "))
        + (decide == 0 ? recount + " to recount:"
        : recount == 0 ? decide + " to decide (recounts done):"
        : recount + " to recount, " + decide + " to decide (marked *):");
    StringBuilder b = new StringBuilder((zone.equals("*") ? "dockcount: " : "dockcount zone "
        + zone + ": ") + head);
    int shown = 0;
    long highValue = items.stream().filter(AlertPolicy::highValue).count();
    long highShown = 0;
    for (AlertOutbox.Folded f : top) {
      // Signed: a short of -10.00 is not an over of +10.00. High value marked, as its SMS is.
      String item = (shown == 0 ? " " : "; ") + (!isVariance(kindOf(f)) ? condition(f)
          : f.location() + " " + f.sku()
          + (f.value() != null ? " " + signedMoney(f.value())
              : f.absValue() != null ? " " + money(f.absValue())
              : said(f, BOOK_CHANGED) ? " book changed"
              : said(f, NOT_COUNTED) ? " not counted" : " value unknown")
          + (said(f, UNIT_ERROR) ? " unit?" : "")
          + (highValue(f) ? " " + HIGH_VALUE : "")
          // Begun since its run: asked again, a second counter would be sent to it.
          + (f.recounting() ? " (recount under way)" : "")
          + (decide > 0 && recount > 0 && forSupervisor(f) ? " *" : ""));
      long highLeft = highValue - highShown - (highValue(f) ? 1 : 0);
      String more = "; " + more(items.size() - shown - 1, highLeft);
      if (shown == settings.digestTop()
          || b.length() + item.length() + more.length() > settings.digestMaxChars()) {
        break;
      }
      b.append(item);
      shown++;
      highShown += highValue(f) ? 1 : 0;
    }
    if (shown < items.size()) {
      b.append(shown == 0 ? " " : "; ").append(more(items.size() - shown, highValue - highShown));
    }
    // A digest carries every item folded for it so far, and no item goes in two: its newest
    // item names it. (One per run would refuse a high-value one held back after the run's.)
    String key = "digest|" + channel + "|" + recipient + "|" + zone + "|" + run + "|"
        + items.stream().mapToLong(AlertOutbox.Folded::id).max().orElse(0);
    return new AlertOutbox.NewDelivery(null, channel, recipient, "CYCLE_DIGEST", zone, key,
        b.toString(), PENDING, now, null, "", "", null);
  }

  /** Whether alerts of this kind are variances (a digest lists them by location and SKU). */
  private static boolean isVariance(Alert.Kind kind) {
    return kind == Alert.Kind.RECOUNT || kind == Alert.Kind.HIGH_VALUE;
  }

  private static Alert.Kind kindOf(AlertOutbox.Folded f) {
    try {
      return f.kind() == null ? Alert.Kind.RECOUNT : Alert.Kind.valueOf(f.kind());
    } catch (IllegalArgumentException e) {
      return Alert.Kind.RECOUNT;
    }
  }

  /** A condition of the service folded in quiet hours, said in words in the digest. */
  private static String condition(AlertOutbox.Folded f) {
    return switch (kindOf(f)) {
      case STATION_DISCONNECTED -> "station " + f.location() + " disconnected";
      case STALE_SNAPSHOT -> "book snapshot stale";
      case BACKUP_FAILED -> "backups failing";
      case STORE_RESTORED -> "database restored from backup";
      case STORE_FAILED -> "DATABASE CANNOT STORE COUNTS";
      case RUN_FAILED -> "zone " + f.zone() + " reconciliation not saved";
      case LOCATION_LEFT_OPEN -> "location " + f.location() + " left open";
      case WMS_BOOK_UNREADABLE -> "stored WMS book unreadable";
      default -> f.location() + " " + f.sku();
    };
  }

  /** Whether a folded item's message (its SMS, or its Slack line) names {@code cause}. */
  private static boolean said(AlertOutbox.Folded f, String cause) {
    return f.body() != null && f.body().contains(cause);
  }

  /** How a digest marks a high-value item, as the high-value SMS begins. */
  static final String HIGH_VALUE = "HIGH VALUE";

  /** Whether a folded alert is a high-value one (over the limit or in quiet hours). */
  private static boolean highValue(AlertOutbox.Folded f) {
    return kindOf(f) == Alert.Kind.HIGH_VALUE;
  }

  /** "+2 more", or "+2 more (1 HIGH VALUE)" when high-value items are among them. */
  private static String more(long count, long highValue) {
    return "+" + count + " more" + (highValue > 0 ? " (" + highValue + " " + HIGH_VALUE + ")"
        : "");
  }

  /** Whether a folded alert asks a supervisor to decide (its recounts are done). */
  private static boolean forSupervisor(AlertOutbox.Folded f) {
    return f.body() != null && (f.body().startsWith("dockcount decide") || decides(f.body()));
  }

  /** Whether an alert's line leaves the variance to a supervisor rather than a recount. */
  static boolean decides(String line) {
    return line.contains(": supervisor: ");
  }

  /** The SMS text: where, what and how much; short enough for one or two segments. */
  public static String sms(Alert a) {
    return switch (a.kind()) {
      // To decide first: a high-value variance that stood through its recounts is the
      // supervisor's call, not one more recount.
      case HIGH_VALUE, RECOUNT -> "dockcount " + (decides(a.line())
          ? (a.kind() == Alert.Kind.HIGH_VALUE ? "decide, HIGH VALUE" : "decide")
          : a.kind() == Alert.Kind.HIGH_VALUE ? "HIGH VALUE" : "recount") + resentBy(a.line())
          + ": zone " + a.zone()
          + " aisle " + dash(a.aisle())
          + " bay " + dash(a.bay()) + " level " + dash(a.level()) + " (" + a.location()
          + ") sku " + a.sku() + " " + (a.varianceQty() == null
              && a.line().contains(NOT_COUNTED_LINE) ? NOT_COUNTED.strip()
              : qty(a.varianceQty()) + " EA value "
                  + (a.value() == null ? "unknown" : money(a.value())))
          // In the supervisor's words: round 0 is the first count, round 1 recount 1.
          + ", " + CountRound.label(a.round())
          + (a.moreAtLocation() == 0 ? "" : " (+" + a.moreAtLocation() + " more here)")
          + cause(a.line());
      // The reason tells an unplugged scanner from a quiet station: both alert this way.
      case STATION_DISCONNECTED -> "dockcount: zone " + a.zone() + " station " + a.location()
          + ": " + stationReason(a.line().replace(" " + a.location() + " scanner ", " scanner ")
              .replace(" (zone " + a.zone() + ")", ""));
      case STALE_SNAPSHOT -> "dockcount: zone " + a.zone() + " book snapshot is stale";
      case BACKUP_FAILED -> "dockcount: backups are failing (" + stationReason(a.line())
          + "); see the log";
      case STORE_RESTORED -> "dockcount: database restored from a backup at start: counts "
          + "after it are lost; see the console";
      case STORE_FAILED -> a.line().startsWith(Alert.CLEARED)
          ? "dockcount: the database takes counts again"
          : a.line().contains("STORE FULL")
          ? "dockcount: disk full, the database takes no counts: free space (no restart "
              + "needed); see the console"
          : "dockcount: the database cannot be written, it takes no counts until a restart "
              + "with the cause fixed; see the log";
      case RUN_FAILED -> a.line().startsWith(Alert.CLEARED)
          ? "dockcount: zone " + a.zone() + " reconciliation is saved again"
          : "dockcount: zone " + a.zone() + " reconciliation cannot be saved: no recount "
              + "tasks until it is; counts are kept; see the log";
      case LOCATION_LEFT_OPEN -> "dockcount: zone " + a.zone() + " location " + a.location()
          + " left open, no station counting it: a counter scans its label and closes it "
          + "(CTL:CLOSE)";
      case WMS_BOOK_UNREADABLE -> "dockcount: the stored WMS book could not be read at start: "
          + "counts are compared with the start-up book until the WMS delivers; see the log";
    };
  }

  /**
   * The likely causes of a variance a line may give, in its words; a message names the one it
   * gives ("book changed since count", or "... after the location was settled": no value yet).
   */
  static final String UNIT_ERROR = "probable unit error";
  static final String BOOK_CHANGED = "book changed";
  /** How an SMS names a line nobody counted (it has no variance, not an unknown one). */
  static final String NOT_COUNTED = " not counted";
  /** How a zone's alert line says its line was not counted (ZoneReconciler.alertLine). */
  private static final String NOT_COUNTED_LINE = " EA, not counted: ";

  /**
   * The likely cause a variance's line gives, for the SMS: a unit keyed wrong is a minute's
   * recount, and a book changed under a count has no value yet (not a missing cost).
   */
  private static String cause(String line) {
    return line.contains(UNIT_ERROR) ? "; " + UNIT_ERROR
        : line.contains(BOOK_CHANGED) ? "; " + BOOK_CHANGED : "";
  }

  /** Whether an alert's line is a recount alert a supervisor asked to send again. */
  static boolean resent(String line) {
    return !resentBy(line).isEmpty();
  }

  /** Says who re-sent an alert from the console ({@code " (re-sent by ana)"}), or "". */
  private static String resentBy(String line) {
    String mark = "ALERT (re-sent by ";
    int end = line.indexOf(") ", mark.length());
    return line.startsWith(mark) && end > 0
        ? " (re-sent by " + line.substring(mark.length(), end) + ")" : "";
  }

  /** Returns what the station alert line says happened (after its first ": "), shortened. */
  private static String stationReason(String line) {
    int i = line.indexOf(": ");
    String why = i < 0 ? "disconnected" : line.substring(i + 2);
    return why.length() <= 100 ? why : why.substring(0, 97) + "...";
  }

  /** The Slack text: the same line the console prints. */
  static String slack(Alert a) {
    return a.line();
  }

  private static String dash(String s) {
    return s.isEmpty() ? "-" : s;
  }

  private static String qty(Long v) {
    return v == null ? "?" : v > 0 ? "+" + v : Long.toString(v);
  }

  static String money(BigDecimal v) {
    return Money.exact(v);
  }

  /** {@code +122.50}, {@code -10.00}, {@code +0.338}; zero as {@code 0.00}. Never rounded. */
  static String signedMoney(BigDecimal v) {
    return Money.signed(v);
  }
}
