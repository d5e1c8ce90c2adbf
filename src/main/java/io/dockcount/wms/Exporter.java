package io.dockcount.wms;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.dockcount.store.WmsLedger;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands recount tasks and adjustments (confirmed variances) to the WMS, each exactly once.
 *
 * <p>Items go in groups: a run's tasks, a confirmed location's adjustments. A group is first
 * delivered, then recorded as sent in H2 ({@link WmsLedger#markSent}). A crash between the two
 * sends the group again at the next pass, and that repeat is harmless on both paths:
 *
 * <ul>
 *   <li>csv: the file is named by the group ({@code recount-tasks-<zone>-<run>.csv},
 *       {@code adjustments-<zone>-<confirmation>.csv}) and its content depends only on the
 *       group, so the repeat renames the same bytes over the same name;
 *   <li>sql: each item has a key (location, SKU and count round) that the WMS table holds as
 *       unique and the template ignores when it is there already ({@code ON CONFLICT DO
 *       NOTHING}); the group's inserts commit together.
 * </ul>
 *
 * Blocking; one caller at a time.
 */
public final class Exporter {
  /**
   * What a pass sent: items and groups (files or transactions), and the groups the WMS refused
   * (each with its keys and the WMS's reason: sent again next pass, the others not held up).
   */
  public record Sent(int tasks, int adjustments, int groups, List<String> refused,
      List<String> kept) {
    public Sent {
      refused = List.copyOf(refused);
      kept = List.copyOf(kept);
    }

    /** A pass the WMS refused nothing of, and took every item as new. */
    public Sent(int tasks, int adjustments, int groups) {
      this(tasks, adjustments, groups, List.of(), List.of());
    }
  }

  static final List<String> PARAMS = List.of("task_key", "adjustment_key", "zone", "location",
      "sku", "round", "variance", "variance_value", "reason");

  private final WmsLedger ledger;
  private final WmsSettings.Export settings;
  private final NamedSql taskSql;
  private final NamedSql adjustmentSql;
  /** Runs after the WMS has a group and before it is recorded as sent (tests crash here). */
  private final Runnable afterDelivery;

  public Exporter(WmsLedger ledger, WmsSettings.Export settings) {
    this(ledger, settings, () -> { });
  }

  Exporter(WmsLedger ledger, WmsSettings.Export settings, Runnable afterDelivery) {
    this.ledger = ledger;
    this.settings = settings;
    this.taskSql = settings.taskSql() == null ? null : NamedSql.parse(settings.taskSql(), PARAMS);
    this.adjustmentSql = settings.adjustmentSql() == null ? null
        : NamedSql.parse(settings.adjustmentSql(), PARAMS);
    this.afterDelivery = afterDelivery;
  }

  /** Sends everything not sent yet. */
  public Sent exportPending() throws SourceException {
    if (settings.mode().equals("off")) {
      return new Sent(0, 0, 0);
    }
    List<WmsLedger.Outgoing> tasks = ledger.pendingTasks();
    List<WmsLedger.Outgoing> adjustments = ledger.pendingAdjustments();
    int groups = 0;
    List<String> refused = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    int tasksRefused = 0;
    int adjustmentsRefused = 0;
    if (settings.mode().equals("csv")) {
      groups += csv(tasks, "recount-tasks", "task_key");
      groups += csv(adjustments, "adjustments", "adjustment_key");
    } else {
      Tally t = sql(tasks, taskSql);
      groups += t.groups;
      tasksRefused = t.refusedItems;
      refused.addAll(t.refused);
      kept.addAll(t.kept);
      if (adjustmentSql != null) {
        Tally a = sql(adjustments, adjustmentSql);
        groups += a.groups;
        adjustmentsRefused = a.refusedItems;
        refused.addAll(a.refused);
        kept.addAll(a.kept);
      } else {
        adjustments = List.of();
      }
    }
    return new Sent(tasks.size() - tasksRefused, adjustments.size() - adjustmentsRefused, groups,
        refused, kept);
  }

  /** What one kind's SQL pass did: groups sent, items and groups the WMS refused. */
  private static final class Tally {
    int groups;
    int refusedItems;
    final List<String> refused = new ArrayList<>();
    /** Keys whose insert changed no row: the WMS had them (ON CONFLICT DO NOTHING). */
    final List<String> kept = new ArrayList<>();
  }

  private static Map<Long, List<WmsLedger.Outgoing>> groups(List<WmsLedger.Outgoing> items) {
    Map<Long, List<WmsLedger.Outgoing>> out = new LinkedHashMap<>();
    items.forEach(o -> out.computeIfAbsent(o.group(), g -> new ArrayList<>()).add(o));
    return out;
  }

  // ---- csv --------------------------------------------------------------------------------

  private int csv(List<WmsLedger.Outgoing> items, String prefix, String keyColumn)
      throws SourceException {
    int n = 0;
    for (List<WmsLedger.Outgoing> group : groups(items).values()) {
      WmsLedger.Outgoing first = group.get(0);
      String name = prefix + "-" + URLEncoder.encode(first.zone(), StandardCharsets.UTF_8)
          + "-" + first.group() + ".csv";
      try {
        writeAtomically(settings.outbox().resolve(name), render(group, keyColumn));
      } catch (IOException | UncheckedIOException e) {
        throw new SourceException("export to " + settings.outbox() + ": cannot write " + name
            + ": " + e.getMessage(), e);
      }
      afterDelivery.run();
      ledger.markSent(group, name);
      n++;
    }
    return n;
  }

  private static String render(List<WmsLedger.Outgoing> group, String keyColumn) {
    StringWriter out = new StringWriter();
    CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
    w.writeRecord(keyColumn, "zone", "location", "sku", "round", "variance", "variance_value",
        "reason");
    for (WmsLedger.Outgoing o : group) {
      w.writeRecord(o.key(), o.zone(), o.location(), o.sku(), Integer.toString(o.round()),
          o.variance() == null ? "" : o.variance().toString(),
          o.varianceValue() == null ? "" : o.varianceValue().toPlainString(),
          o.reason() == null ? "" : o.reason());
    }
    return out.toString();
  }

  private static void writeAtomically(Path target, String content) throws IOException {
    Files.createDirectories(target.getParent());
    // A dot name: readers of the outbox skip it until it is renamed into place.
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  // ---- sql --------------------------------------------------------------------------------

  /**
   * Inserts each group in a transaction of its own. A group the WMS refuses (a constraint, a
   * value its table does not take) is rolled back and listed in {@code refused}, and the groups
   * after it still go: one task the WMS will not take must not hold up every later one. A lost
   * connection stops the pass.
   */
  private Tally sql(List<WmsLedger.Outgoing> items, NamedSql template) throws SourceException {
    Tally n = new Tally();
    if (items.isEmpty()) {
      return n;
    }
    WmsSettings.Login login = settings.login();
    try (Connection c = JdbcSource.connect(login, /* timeoutSeconds= */ 30)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(template.sql())) {
        for (List<WmsLedger.Outgoing> group : groups(items).values()) {
          try {
            List<String> kept = new ArrayList<>();
            for (WmsLedger.Outgoing o : group) {
              template.bind(ps, values(o));
              if (ps.executeUpdate() == 0) {
                kept.add(o.key());
              }
            }
            n.kept.addAll(kept);
            c.commit();
          } catch (SQLException e) {
            c.rollback();
            if (connectionLost(c, e)) {
              throw e;
            }
            n.refused.add(group.stream().map(o -> "[" + o.key() + "]")
                .reduce("", String::concat) + ": " + JdbcSource.describe(e));
            n.refusedItems += group.size();
            continue;
          }
          afterDelivery.run();
          ledger.markSent(group, "sql");
          n.groups++;
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw JdbcSource.failure("export to jdbc " + JdbcSource.redact(login.url()) + ": ", e,
          login.url());
    }
    return n;
  }

  /** SQL state class 08 is a connection exception; a closed connection is lost too. */
  private static boolean connectionLost(Connection c, SQLException e) {
    String state = e.getSQLState();
    try {
      return state != null && state.startsWith("08") || c.isClosed();
    } catch (SQLException closed) {
      return true;
    }
  }

  private static Map<String, Object> values(WmsLedger.Outgoing o) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("task_key", o.key());
    v.put("adjustment_key", o.key());
    v.put("zone", o.zone());
    v.put("location", o.location());
    v.put("sku", o.sku());
    v.put("round", o.round());
    v.put("variance", o.variance());
    v.put("variance_value", o.varianceValue());
    v.put("reason", o.reason());
    return v;
  }
}
