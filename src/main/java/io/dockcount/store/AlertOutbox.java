package io.dockcount.store;

import io.dockcount.alert.Alert;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The alert outbox in H2: the alerts the zones saved with their runs ({@code
 * notification_outbox}) and the messages planned from them ({@code alert_delivery}).
 *
 * <p>Every state change is its own durable transaction. A message is marked {@code SENDING}
 * (durably) before it is handed to a provider, so after a crash a row still {@code SENDING} is
 * one that may have gone out; {@link #markUncertain()} sets it aside instead of resending it.
 * <b>Warning:</b> the methods are meant for one notifier thread; two writers could plan the
 * same alert twice (the unique dedup key then refuses the second).
 */
public final class AlertOutbox {
  /** How the last error of a message given up after transient failures begins. */
  public static final String GAVE_UP = "gave up after ";
  /**
   * How the note of a message the SMS rate limit folded begins (kept where a sent one keeps
   * its last error: a folded row has none), so the console can say what the limit held back.
   */
  public static final String HELD_BACK = "held back by sms-limit: ";

  private final Store store;

  public AlertOutbox(Store store) {
    this.store = store;
  }

  /**
   * Whether the latest station alert saved for {@code station} says its scanner went offline
   * (not that it came back, nor that the station went quiet or stopped).
   */
  public boolean offlineLast(String station) {
    return store.transaction("read the last alert of station " + station, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT message FROM notification_outbox "
          + "WHERE kind = 'STATION_DISCONNECTED' AND location = ? ORDER BY id DESC LIMIT 1")) {
        ps.setString(1, station);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getString(1).contains(" scanner offline ");
        }
      }
    });
  }

  /**
   * Returns the locations left open whose report still stands: those whose latest
   * location-left-open alert of a round is the report, not its end (a station had the location
   * open again), each as {@code location + '\n' + round}.
   */
  public java.util.Set<String> leftOpenReported() {
    return store.transaction("read the locations reported left open", c -> {
      java.util.Set<String> out = new java.util.TreeSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT location, round, message FROM "
          + "notification_outbox WHERE kind = 'LOCATION_LEFT_OPEN' ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String key = rs.getString(1) + '\n' + rs.getInt(2);
          if (rs.getString(3).startsWith(Alert.CLEARED)) {
            out.remove(key);
          } else {
            out.add(key);
          }
        }
      }
      return out;
    });
  }

  /** Returns, per zone, when an alert of {@code kind} was last saved for it. */
  public Map<String, Instant> lastRaised(String kind) {
    return store.transaction("read when " + kind + " alerts were last raised", c -> {
      Map<String, Instant> out = new java.util.TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT zone, MAX(wall) FROM "
          + "notification_outbox WHERE kind = ? GROUP BY zone")) {
        ps.setString(1, kind);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
          }
        }
      }
      return out;
    });
  }

  /** An alert saved by a run and not yet planned; {@code trigger} is its run's trigger. */
  public record Unplanned(long id, Alert alert, Long runId, String trigger) {}

  /**
   * A message to plan. {@code dueAfterRun} only for a FOLDED row (0: due at once); {@code note}
   * says why a FOLDED row was folded when the rate limit did it ({@link #HELD_BACK}), else null.
   */
  public record NewDelivery(Long outboxId, String channel, String recipient, String kind,
      String zone, String dedupKey, String body, String status, Instant nextAttempt,
      BigDecimal absValue, String location, String sku, Long dueAfterRun, String note) {

    /** A message with no note. */
    public NewDelivery(Long outboxId, String channel, String recipient, String kind,
        String zone, String dedupKey, String body, String status, Instant nextAttempt,
        BigDecimal absValue, String location, String sku, Long dueAfterRun) {
      this(outboxId, channel, recipient, kind, zone, dedupKey, body, status, nextAttempt,
          absValue, location, sku, dueAfterRun, null);
    }
  }

  /** A message due to be sent. */
  public record Delivery(long id, String channel, String recipient, String kind, String zone,
      String body, int attempts) {}

  /**
   * A folded message waiting for its zone's digest; {@code settled} when it is a recount or
   * high-value alert whose tasks are no longer open (the recount matched, or a supervisor
   * decided): nothing to do. {@code kind} is its alert's ({@code RECOUNT}, {@code HIGH_VALUE},
   * ...), {@code value} its alert's signed variance value (null when not known);
   * {@code recounting} when its location has counts of a later round than the alert's: the
   * recount it asks for has begun.
   */
  public record Folded(long id, String channel, String recipient, String zone, String location,
      String sku, String body, BigDecimal absValue, long dueAfterRun, boolean settled,
      String kind, BigDecimal value, Instant created, boolean recounting) {
    /** A folded message whose recount, if any, has not begun. */
    public Folded(long id, String channel, String recipient, String zone, String location,
        String sku, String body, BigDecimal absValue, long dueAfterRun, boolean settled,
        String kind, BigDecimal value, Instant created) {
      this(id, channel, recipient, zone, location, sku, body, absValue, dueAfterRun, settled,
          kind, value, created, false);
    }
  }

  /** Returns up to {@code limit} unplanned alerts, oldest first. */
  public List<Unplanned> unplanned(int limit) {
    return store.transaction("read the alert outbox", c -> {
      List<Unplanned> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.kind, o.zone, o.aisle, "
          + "o.bay, o.level, o.location, o.sku, o.variance, o.variance_value, o.round, "
          + "o.message, o.run_id, r.trigger_kind FROM notification_outbox o "
          + "LEFT JOIN recon_run r ON r.id = o.run_id WHERE o.sent = FALSE ORDER BY o.id "
          + "LIMIT ?")) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long variance = rs.getLong(9);
            Long qty = rs.wasNull() ? null : variance;
            long run = rs.getLong(13);
            Long runId = rs.wasNull() ? null : run;
            Alert a = new Alert(kindOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), qty,
                rs.getBigDecimal(10), rs.getInt(11), rs.getString(12));
            out.add(new Unplanned(rs.getLong(1), a, runId, rs.getString(14)));
          }
        }
      }
      return out;
    });
  }

  /** Saves an alert raised outside a run (a station, the book) for the notifier to plan. */
  public long add(Alert a) {
    return store.transaction("save an alert", c -> {
      long id = store.nextSeq();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification_outbox (id, "
          + "kind, zone, location, sku, message, wall, clock_synced, aisle, bay, level, round, "
          + "variance, variance_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        Sql.setAll(ps, id, a.kind().name(), a.zone(), a.location(), a.sku(), a.line(),
            OffsetDateTime.now(ZoneOffset.UTC), store.clock(), a.aisle(), a.bay(), a.level(),
            a.round(), a.varianceQty(), a.value());
        ps.executeUpdate();
      }
      store.commitDurably(c);
      return id;
    });
  }

  /** What the notifier decides for one alert, given what the outbox holds so far. */
  @FunctionalInterface
  public interface Planner {
    List<NewDelivery> plan(Unplanned alert, Lookups lookups);
  }

  /** The outbox as a planner sees it, including what this batch has planned already. */
  public interface Lookups {
    /** The run's variances the SMS rate limit counts (sent or about to be; no notices). */
    int variancesSince(String channel, String recipient, Instant since);

    boolean planned(String dedupKey);

    long lastScheduledRun(String zone);
  }

  /**
   * Plans a batch of alerts in one transaction, one after the other: each sees the messages the
   * ones before it planned (rate limits, dedup keys), as if each were planned on its own.
   * Returns how many messages were new.
   */
  public int planAll(List<Unplanned> alerts, Planner planner) {
    return store.transaction("plan " + alerts.size() + " alert(s)", c -> {
      Lookups lookups = new Lookups() {
        @Override
        public int variancesSince(String channel, String recipient, Instant since) {
          return unchecked(() -> AlertOutbox.variancesSince(c, channel, recipient, since));
        }

        @Override
        public boolean planned(String dedupKey) {
          return unchecked(() -> AlertOutbox.planned(c, dedupKey));
        }

        @Override
        public long lastScheduledRun(String zone) {
          return unchecked(() -> AlertOutbox.lastScheduledRun(c, zone));
        }
      };
      int added = 0;
      for (Unplanned u : alerts) {
        added += plan(c, u.id(), planner.plan(u, lookups));
      }
      c.commit();
      return added;
    });
  }

  /**
   * Inserts an alert's messages (skipping any whose dedup key exists) and marks the alert handed
   * over; returns how many messages were new.
   */
  private int plan(Connection c, long outboxId, List<NewDelivery> deliveries)
      throws SQLException {
    int added = insert(c, deliveries);
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE notification_outbox SET sent = TRUE WHERE id = ?")) {
      ps.setLong(1, outboxId);
      ps.executeUpdate();
    }
    // Not forced: lost in a power cut, the alert is simply planned again at the next start;
    // the forced SENDING mark that precedes any send also makes this commit durable.
    return added;
  }

  private interface SqlRead<T> {
    T read() throws SQLException;
  }

  private static <T> T unchecked(SqlRead<T> read) {
    try {
      return read.read();
    } catch (SQLException e) {
      throw new StoreException("cannot read the alert outbox: " + e.getMessage(), e);
    }
  }

  /**
   * Immediate variance messages to a recipient on a channel created at or after a time that
   * went out, may have gone out, or are about to: what a rate limit counts.
   *
   * <p>Only the messages the limit governs count: a run's variances (a high-value one, a
   * recount a supervisor sent back), not a notice (a scanner gone, a location left open, the
   * store failing) nor a recount a supervisor re-sent from the console, which go out whatever
   * the limit says: were they counted, a few notices would hold back the next high-value
   * variance. A digest (no alert of its own) is not counted either.
   *
   * <ul>
   *   <li>Counted: {@code SENT}; {@code UNCERTAIN} (in flight at a crash: maybe sent);
   *       {@code PENDING} and {@code SENDING} (planned to go out: each takes its place now, or
   *       one batch of alerts would plan them all at once past the limit); {@code FAILED}
   *       after a transient failure ({@link #GAVE_UP}): one of its attempts may have been a
   *       read timeout after the provider took it.
   *   <li>Not counted: {@code FOLDED}, {@code DIGESTED} and {@code SETTLED} (never sent on
   *       their own: a digest carries them, or nobody, the recount being settled before it),
   *       and a message the provider refused outright at its first attempt ({@code FAILED}
   *       without a retry: an opted-out or invalid number never got it).
   * </ul>
   */
  private static int variancesSince(Connection c, String channel, String recipient,
      Instant since) throws SQLException {
    // As AlertPolicy.plan decides what the limit holds back: a high-value variance always, a
    // recount when a run raised it (a re-sent one has no run).
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alert_delivery d "
        + "LEFT JOIN notification_outbox o ON o.id = d.outbox_id WHERE d.channel = ? "
        + "AND d.recipient = ? AND d.created >= ? AND d.outbox_id IS NOT NULL "
        + "AND (d.kind = 'HIGH_VALUE' OR d.kind = 'RECOUNT' AND o.run_id IS NOT NULL) "
        + "AND (d.status IN ('PENDING', 'SENDING', 'SENT', 'UNCERTAIN') OR (d.status = 'FAILED' "
        + "AND (d.attempts > 1 OR d.last_error LIKE ?)))")) {
      Sql.setAll(ps, channel, recipient, utc(since), GAVE_UP + "%");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Whether a message with this dedup key exists. */
  private static boolean planned(Connection c, String dedupKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM alert_delivery WHERE dedup_key = ?")) {
      ps.setString(1, dedupKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The newest SCHEDULED run of a zone, or 0. */
  public long lastScheduledRun(String zone) {
    return store.transaction("read the last run", c -> lastScheduledRun(c, zone));
  }

  private static long lastScheduledRun(Connection c, String zone) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM "
        + "recon_run WHERE zone = ? AND trigger_kind = 'SCHEDULED'")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Every folded message still waiting for a digest, by zone, channel, recipient and id. */
  public List<Folded> folded() {
    return store.transaction("read folded alerts", c -> {
      List<Folded> out = new ArrayList<>();
      // A recount is settled when its location and SKU have tasks and none is open any more,
      // or when the task of its own round is done (a supervisor sent the location back, which
      // opens the next round's task and says so at once: a folded "decide" is behind it).
      try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.channel, d.recipient, "
          + "d.zone, d.location, d.sku, d.body, d.abs_value, d.due_after_run, "
          + "d.kind IN ('RECOUNT', 'HIGH_VALUE') AND (EXISTS (SELECT 1 FROM recount_task t "
          + "WHERE t.zone = d.zone AND t.location = d.location AND t.sku = d.sku) "
          + "AND NOT EXISTS (SELECT 1 FROM "
          + "recount_task t WHERE t.zone = d.zone AND t.location = d.location AND t.sku = d.sku "
          + "AND t.status = 'OPEN') OR EXISTS (SELECT 1 FROM recount_task t WHERE t.zone = "
          + "d.zone AND t.location = d.location AND t.sku = d.sku AND t.round = o.round "
          + "AND t.status <> 'OPEN')), d.kind, o.variance_value, d.created, "
          + "d.kind IN ('RECOUNT', 'HIGH_VALUE') AND EXISTS (SELECT 1 FROM count_record r "
          + "WHERE r.zone = d.zone AND r.location = d.location AND r.round > o.round "
          + "AND r.kind = 'COUNT') FROM alert_delivery d "
          + "LEFT JOIN notification_outbox o ON o.id = d.outbox_id WHERE d.status = 'FOLDED' "
          + "ORDER BY d.zone, d.channel, d.recipient, d.id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Folded(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getString(7), rs.getBigDecimal(8),
              rs.getLong(9), rs.getBoolean(10), rs.getString(11), rs.getBigDecimal(12),
              rs.getObject(13, OffsetDateTime.class).toInstant(), rs.getBoolean(14)));
        }
      }
      return out;
    });
  }

  /**
   * Marks folded messages whose recount was settled before their digest went out: they are
   * kept (status {@code SETTLED}), not sent, so a digest lists only what is still to do.
   */
  public void settleFolded(List<Long> ids, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    store.transaction("settle folded alerts", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE alert_delivery SET status = "
          + "'SETTLED', done = ? WHERE id = ? AND status = 'FOLDED'")) {
        for (long id : ids) {
          Sql.setAll(ps, utc(now), id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      store.commitDurably(c);
      return null;
    });
  }

  /**
   * Saves a digest and marks the folded messages it carries, in one transaction. Returns false
   * when a digest with the same dedup key exists (this cycle's digest went out already).
   */
  public boolean digest(NewDelivery digest, List<Long> foldedIds) {
    return store.transaction("save a digest", c -> {
      if (insert(c, List.of(digest)) == 0) {
        return false;
      }
      long digestId;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM alert_delivery WHERE dedup_key = ?")) {
        ps.setString(1, digest.dedupKey());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          digestId = rs.getLong(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE alert_delivery SET status = "
          + "'DIGESTED', digest_id = ? WHERE id = ? AND status = 'FOLDED'")) {
        for (long id : foldedIds) {
          Sql.setAll(ps, digestId, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      store.commitDurably(c);
      return true;
    });
  }

  /** Messages due at {@code now}, oldest first. */
  public List<Delivery> due(Instant now, int limit) {
    return store.transaction("read due messages", c -> {
      List<Delivery> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, channel, recipient, kind, "
          + "zone, body, attempts FROM alert_delivery WHERE status = 'PENDING' AND "
          + "next_attempt <= ? ORDER BY next_attempt, id LIMIT ?")) {
        Sql.setAll(ps, utc(now), limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)));
          }
        }
      }
      return out;
    });
  }

  /** Marks a message as being handed to its provider, durably; false if it was not PENDING. */
  public boolean markSending(long id) {
    return update("UPDATE alert_delivery SET status = 'SENDING', attempts = attempts + 1 "
        + "WHERE id = ? AND status = 'PENDING'", id) == 1;
  }

  /** The provider accepted the message. */
  public void markSent(long id, String providerId, Instant now) {
    update("UPDATE alert_delivery SET status = 'SENT', provider_id = ?, done = ?, "
        + "last_error = NULL WHERE id = ?", providerId, utc(now), id);
  }

  /** A transient failure: try again at {@code next}. */
  public void markRetry(long id, Instant next, String error) {
    update("UPDATE alert_delivery SET status = 'PENDING', next_attempt = ?, last_error = ? "
        + "WHERE id = ?", utc(next), clip(error), id);
  }

  /** A permanent failure: the provider refused the message, which was never sent. */
  public void markFailed(long id, String error, Instant now) {
    update("UPDATE alert_delivery SET status = 'FAILED', last_error = ?, done = ? WHERE id = ?",
        clip(error), utc(now), id);
  }

  /**
   * Out of attempts after transient failures: not sent as far as we know, but an attempt that
   * timed out may have reached the provider, so a rate limit still counts it. The error is
   * saved as {@code "gave up after N attempts: error"}.
   */
  public void markGivenUp(long id, int attempts, String error, Instant now) {
    markFailed(id, GAVE_UP + attempts + " attempts: " + error, now);
  }

  /**
   * At start-up: every row left SENDING by a crash may have reached the provider, so it becomes
   * UNCERTAIN and is not resent. Returns their ids.
   */
  public List<Long> markUncertain() {
    return store.transaction("set aside messages in flight at a crash", c -> {
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM alert_delivery WHERE status = 'SENDING'");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE alert_delivery SET status = "
          + "'UNCERTAIN', last_error = 'in flight at a crash: maybe sent, not resent' "
          + "WHERE status = 'SENDING'")) {
        ps.executeUpdate();
      }
      store.commitDurably(c);
      return ids;
    });
  }

  /** A message's status and attempts, for tests and reports. */
  public record Row(long id, String channel, String recipient, String kind, String status,
      int attempts, String lastError, String providerId, String body) {}

  /** Every message, in id order. */
  public List<Row> rows() {
    return store.transaction("read messages", c -> {
      List<Row> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, channel, recipient, kind, "
          + "status, attempts, last_error, provider_id, body FROM alert_delivery ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8),
              rs.getString(9)));
        }
      }
      return out;
    });
  }

  /** Inserts new deliveries, each created at its planned time (the notifier's clock). */
  private int insert(Connection c, List<NewDelivery> deliveries) throws SQLException {
    int added = 0;
    try (PreparedStatement exists = c.prepareStatement(
            "SELECT 1 FROM alert_delivery WHERE dedup_key = ?");
        PreparedStatement ins = c.prepareStatement("INSERT INTO alert_delivery (outbox_id, "
            + "channel, recipient, kind, zone, dedup_key, body, status, next_attempt, "
            + "abs_value, location, sku, due_after_run, created, last_error) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (NewDelivery d : deliveries) {
        exists.setString(1, d.dedupKey());
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            continue;
          }
        }
        Sql.setAll(ins, d.outboxId(), d.channel(), d.recipient(), d.kind(), d.zone(),
            d.dedupKey(), clip(d.body()), d.status(), utc(d.nextAttempt()), d.absValue(),
            d.location(), d.sku(), d.dueAfterRun(), utc(d.nextAttempt()), clip(d.note()));
        ins.executeUpdate();
        added++;
      }
    }
    return added;
  }

  private int update(String sql, Object... values) {
    return store.transaction("update a message", c -> {
      int n;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Sql.setAll(ps, values);
        n = ps.executeUpdate();
      }
      store.commitDurably(c);
      return n;
    });
  }

  private static Alert.Kind kindOf(String kind) {
    // Rows written before V4 used these names.
    return switch (kind) {
      case "HIGH_VALUE_VARIANCE" -> Alert.Kind.HIGH_VALUE;
      case "RECOUNT_TASK" -> Alert.Kind.RECOUNT;
      default -> Alert.Kind.valueOf(kind);
    };
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  private static String clip(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
  }
}
