package io.dockcount.store;

import io.dockcount.core.CountRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 database: journal of counts, voids, location events and rejected scans; book snapshots
 * and master data; reconciliation runs, lines and recount tasks; the alert outbox.
 *
 * <p>Every method does blocking JDBC: call it from the blocking dispatcher only. Methods are
 * thread-safe (each borrows its own connection). Every id and journal number comes from one
 * increasing sequence, so the journal is ordered without trusting the wall clock.
 *
 * <p>A write method returns once its transaction is committed and, when {@link
 * StoreSettings#sync()} is on, forced to disk ({@code CHECKPOINT SYNC}). The database runs with
 * {@code WRITE_DELAY 0}, so each commit is at least written to the file before it returns.
 *
 * <p><b>Warning:</b> never interrupt a thread inside a Store method: H2 closes the file on an
 * interrupted file-channel operation and the database must then be reopened.
 */
public final class Store implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Store.class);
  private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(30);

  private final StoreSettings settings;
  private final JdbcConnectionPool pool;
  private final AtomicLong lastSeq;
  private final AtomicLong journalWrites = new AtomicLong();
  private final Object backupLock = new Object();
  /** Why backups were stopped for good (the service stopping), or null while they run. */
  private volatile String backupsStopped;
  private final String restoredFrom;
  /** Set at the first failed write of the database file; journal appends then fail at once. */
  private volatile String writeFailure;
  /** Set while the disk is below {@code min-free-space}; cleared when space comes back. */
  private volatile String spaceShort;
  private volatile java.nio.file.FileStore fileStore;
  private volatile String clock;
  private boolean closed;
  private int inFlight;

  private Store(StoreSettings settings, JdbcConnectionPool pool, long lastSeq,
      String restoredFrom, long givenOut) {
    this.settings = settings;
    this.pool = pool;
    // After a restore the records written since the backup are lost, but their journal
    // numbers were shown and may be written down: numbers go on from the next million, so none
    // is given to a second record (unless a million were lost, more than a week of counting).
    this.lastSeq = new AtomicLong(restoredFrom == null ? lastSeq
        : (Math.max(lastSeq, givenOut) / RESTORE_GAP + 1) * RESTORE_GAP);
    this.restoredFrom = restoredFrom;
    this.clock = ClockStatus.probe();
  }

  /**
   * Opens (creating and migrating when needed) the database. When the file exists but will not
   * open, it is moved aside and the newest verified backup is restored; that is logged at ERROR
   * and reported by {@link #restoredFrom()}.
   *
   * @throws StoreException when the database will not open and no backup restores it
   */
  public static Store open(StoreSettings settings) {
    return open(settings, false);
  }

  /**
   * As {@link #open(StoreSettings)}; {@code compressPages} has H2 write its pages compressed
   * ({@code COMPRESS=TRUE}), measured side by side in {@code StoreWeek} and not used by the
   * service (docs/STORE.md, "File size").
   */
  static Store open(StoreSettings settings, boolean compressPages) {
    Path dir = settings.path().toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create the database directory of " + settings.path()
          + ": " + e, e);
    }
    // H2 opens a file it cannot write read-only without a word and fails at the first write:
    // said here, before anything is read or moved (an SD card remounted read-only after
    // errors is the usual cause on a Pi).
    if (Files.exists(settings.dataFile()) && !Files.isWritable(settings.dataFile())
        || !Files.isWritable(dir)) {
      throw new StoreException((Files.isWritable(dir) ? "database " + settings.dataFile()
          : "the store directory " + dir) + " cannot be written (its permissions, or the file "
          + "system is read-only: after errors a Pi remounts its SD card read-only; see dmesg); "
          + "nothing was changed");
    }
    refuseEmptyAfterBreakage(settings, dir);
    String url = url(settings.path(), compressPages);
    try {
      return openAt(settings, url, null);
    } catch (StoreException e) {
      throw e; // said already, and no reason to restore a backup
    } catch (RuntimeException | SQLException e) {
      if (Backups.isLockedByAnother(e)) {
        throw new StoreException("database " + settings.dataFile() + " is held by another "
            + "process (another dockcount run or demo on this store?): stop it, or give this "
            + "one another store", e);
      }
      if (!Files.exists(settings.dataFile())) {
        throw new StoreException("database " + settings.dataFile() + " will not open: "
            + e.getMessage(), e);
      }
      log.error("store {}: database will not open ({}); restoring the last good backup",
          settings.dataFile(), e.getMessage(), e);
      Path backup = Backups.restoreLatest(settings);
      try {
        // Named with when it was taken: what was counted after that must be counted again.
        Store store = openAt(settings, url, backup.getFileName() + takenAt(backup));
        log.error("store {}: RESTORED FROM BACKUP {}: counts after that backup are lost; the "
            + "broken file was kept beside it", settings.dataFile(), backup);
        return store;
      } catch (RuntimeException | SQLException again) {
        throw new StoreException("backup " + backup + " will not open either: "
            + again.getMessage(), again);
      }
    }
  }

  /**
   * H2 takes a missing or empty file for a new database. Beside a file an earlier start moved
   * aside as unreadable ({@code .broken-N}), that is a store that lost everything, not a new
   * one: starting would count from journal number 1 with an empty book of counts, silently.
   */
  private static void refuseEmptyAfterBreakage(StoreSettings settings, Path dir) {
    Path data = settings.dataFile();
    try {
      if (Files.exists(data) && Files.size(data) > 0) {
        return;
      }
      String broken = data.getFileName() + Backups.BROKEN;
      try (java.util.stream.Stream<Path> files = Files.list(dir)) {
        List<Path> aside = files.filter(f -> f.getFileName().toString().startsWith(broken))
            .sorted().toList();
        if (!aside.isEmpty()) {
          throw new StoreException("database " + data + " is " + (Files.exists(data)
              ? "empty" : "missing") + " but " + aside.get(aside.size() - 1).getFileName()
              + " beside it is an earlier, unreadable one: the store lost its data (a full "
              + "disk during a restore?). Free space and copy the newest backup's "
              + data.getFileName() + " from " + settings.backupDir() + " into place, or move "
              + "the .broken files away to start an empty store; nothing was changed");
        }
      }
    } catch (java.io.IOException e) {
      throw new StoreException("cannot read the store directory " + dir + ": " + e, e);
    }
  }

  /** Returns " (taken T)" for a backup file, from its time; empty when that is unreadable. */
  private static String takenAt(Path backup) {
    try {
      return " (taken " + Files.getLastModifiedTime(backup).toInstant()
          .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  static String url(Path path) {
    return url(path, false);
  }

  private static String url(Path path, boolean compressPages) {
    // DB_CLOSE_ON_EXIT=FALSE: the service closes H2 itself, after the actors have stopped.
    // TRACE_LEVEL_FILE=0: no .trace.db beside the store; every error reaches our own log.
    // COMPRESS=TRUE (pages written LZF-compressed, as H2's compaction at close writes them)
    // made the running file a third smaller but its saves about twice as slow: not used.
    return "jdbc:h2:file:" + path.toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0" + (compressPages ? ";COMPRESS=TRUE" : "");
  }

  private static Store openAt(StoreSettings settings, String url, String restoredFrom)
      throws SQLException {
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    try {
      try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
        st.execute("SET WRITE_DELAY 0");
        if (settings.sync()) {
          // H2 keeps a replaced chunk 45 s by default, in case the disk still holds writes in
          // its cache; each commit here is forced to disk first, so a few seconds are enough,
          // and the space of the chunks a commit each leaves behind comes back sooner.
          st.execute("SET RETENTION_TIME " + RETENTION_MS);
        }
      }
      Flyway flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration")
          .failOnMissingLocations(true).load();
      org.flywaydb.core.api.MigrationInfoService info = flyway.info();
      String newest = null;
      String known = null;
      for (org.flywaydb.core.api.MigrationInfo m : info.all()) {
        if (m.getState().name().startsWith("FUTURE")) {
          newest = m.getVersion().getVersion();
        } else {
          known = m.getVersion().getVersion();
        }
      }
      if (newest != null) {
        // An older dockcount on a newer store would write rows it does not know the shape of.
        throw StoreException.ofNewerVersion("database " + settings.dataFile() + " was written "
            + "by a newer dockcount (its schema version " + newest + "; this one knows up to "
            + known + "): run that dockcount or a newer one, or restore the copy its upgrade "
            + "kept (" + Backups.BEFORE_UPGRADE + "*.zip in "
            + settings.backupDir() + "); nothing was changed");
      }
      if (info.applied().length > 0 && info.pending().length > 0) {
        upgrade(settings, pool, info);
      }
      flyway.migrate();
      // The floor a restore set: numbers below it may have been given out by the store this
      // one was restored over, so they are not given again even before a record is written.
      long last = Math.max(maxSeq(pool), meta(pool, SEQ_FLOOR, 0));
      log.info("store {}: open, journal at {}", settings.dataFile(), last);
      long givenOut = readGivenOut(settings);
      boolean kept = meta(pool, GIVEN_OUT_KEPT, 0) > 0;
      if (restoredFrom == null && last > 0 && givenOut > last) {
        // An older copy of the database put in place by hand (a backup unzipped into the
        // store's directory): the numbers given out after it would be given out again.
        restoredFrom = "put in place by hand (its journal ends at " + last + ", and this store "
            + "had given out numbers up to " + givenOut + ")";
      } else if (restoredFrom == null && last > 0 && kept
          && !Files.exists(givenOutFile(settings))) {
        // A store that keeps that file, found without it: a copy put where the store it came
        // from never was (a backup unzipped onto a new card or Pi). What the old store gave out
        // after the copy is unknown; the next million is above it unless a million were lost.
        restoredFrom = "put in place by hand where its store never ran (a new card or Pi: its "
            + "journal ends at " + last + ", and " + givenOutFile(settings).getFileName()
            + ", which the store keeps beside its file, is missing)";
      }
      if (restoredFrom != null && restoredFrom.startsWith("put in place by hand")) {
        log.error("store {}: RESTORED: an older copy of the database was {}: counts recorded "
            + "after it are lost; journal numbers go on from the next million",
            settings.dataFile(), restoredFrom);
      }
      Store store = new Store(settings, pool, last, restoredFrom, givenOut);
      if (restoredFrom != null) {
        // Kept in the database (and so in its backups): the next start does not take the
        // numbers this restore set aside for a second restore, nor give them out.
        setMeta(pool, SEQ_FLOOR, store.lastSeq());
      }
      // The file, then the fact that the store keeps it: a stop in between leaves a store
      // that is told as it was, never one that reads as restored.
      store.writeGivenOut();
      if (!kept) {
        setMeta(pool, GIVEN_OUT_KEPT, 1);
      }
      return store;
    } catch (RuntimeException | SQLException e) {
      pool.dispose();
      throw e;
    }
  }

  /**
   * Keeps a copy of a store an older dockcount wrote before its schema is changed for this one:
   * the older version refuses the store afterwards, and the copy is the way back to it. A copy
   * that cannot be written is logged and the upgrade goes on: the migration keeps every record.
   */
  private static void upgrade(StoreSettings settings, JdbcConnectionPool pool,
      org.flywaydb.core.api.MigrationInfoService info) throws SQLException {
    String from = info.current().getVersion().getVersion();
    org.flywaydb.core.api.MigrationInfo[] pending = info.pending();
    String to = pending[pending.length - 1].getVersion().getVersion();
    Path kept;
    try (Connection c = pool.getConnection()) {
      kept = Backups.beforeUpgrade(c, settings, from, maxSeq(pool));
    } catch (StoreException e) {
      log.error("store {}: schema version {} is upgraded to {} WITHOUT a copy of the store as "
          + "it was ({}): an older dockcount will not open it again", settings.dataFile(), from,
          to, e.getMessage());
      return;
    }
    log.warn("store {}: schema version {} is upgraded to {} for this dockcount; the store as it "
        + "was is kept in {}, which an older dockcount opens (what is recorded from now on is "
        + "not in it)", settings.dataFile(), from, to, kept);
  }

  /** store_meta: 1 once the store keeps its given-out file beside it (V14). */
  private static final String GIVEN_OUT_KEPT = "given_out_kept";
  /** store_meta: the journal number a restore made the numbers go on from. */
  private static final String SEQ_FLOOR = "seq_floor";

  /** Reads a number of store_meta, or {@code otherwise} when it has none. */
  private static long meta(JdbcConnectionPool pool, String name, long otherwise)
      throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT val FROM store_meta WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Long.parseLong(rs.getString(1)) : otherwise;
      }
    }
  }

  private static void setMeta(JdbcConnectionPool pool, String name, long value)
      throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
        "MERGE INTO store_meta (name, val) KEY (name) VALUES (?, ?)")) {
      ps.setString(1, name);
      ps.setString(2, Long.toString(value));
      ps.executeUpdate();
    }
  }

  private static long maxSeq(JdbcConnectionPool pool) throws SQLException {
    String sql = "SELECT GREATEST("
        + "(SELECT COALESCE(MAX(seq), 0) FROM count_record),"
        + "(SELECT COALESCE(MAX(seq), 0) FROM location_event),"
        + "(SELECT COALESCE(MAX(seq), 0) FROM rejected_scan),"
        + "(SELECT COALESCE(MAX(id), 0) FROM recon_run),"
        + "(SELECT COALESCE(MAX(id), 0) FROM recount_task),"
        + "(SELECT COALESCE(MAX(id), 0) FROM notification_outbox),"
        + "(SELECT COALESCE(MAX(id), 0) FROM book_snapshot))";
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public StoreSettings settings() {
    return settings;
  }

  /** Returns the backup file the database was restored from at open, or null. */
  public String restoredFrom() {
    return restoredFrom;
  }

  /** Returns whether the clock was synchronized when last probed (see {@link ClockStatus}). */
  public String clock() {
    return clock;
  }

  /** Probes the clock again (after NTP may have answered). */
  public void refreshClock() {
    clock = ClockStatus.probe();
  }

  /**
   * Returns how many journal writes (scans, location events, rejected scans) were asked of this
   * store since it opened: it changes only when a station is in use, where {@link #lastSeq}
   * also moves with every zone's run.
   */
  public long journalWrites() {
    return journalWrites.get();
  }

  /** Returns the highest number given out so far. */
  public long lastSeq() {
    return lastSeq.get();
  }

  long nextSeq() {
    return lastSeq.incrementAndGet();
  }

  /** Work done with one connection inside one transaction. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} on a borrowed connection with auto-commit off; rolls back whatever it did
   * not commit. {@link #close()} waits for every running work, so H2 is never shut down under a
   * statement.
   */
  <T> T transaction(String what, SqlWork<T> work) {
    if (!entered()) {
      throw StoreException.ofClosedStore("store is closed: cannot " + what);
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        return work.run(c);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      if (isFileFailure(e)) {
        latch(e);
      }
      throw new StoreException("cannot " + what + ": " + describe(e), e);
    } finally {
      returned();
    }
  }

  /**
   * Returns when and why the store takes no count: a write that failed in this run (for good,
   * until a restart), or its disk below {@code min-free-space} now (until space is freed); null
   * when it takes them.
   */
  public String writeFailure() {
    if (writeFailure != null) {
      return "STORE FAILED " + writeFailure + ": nothing is stored until dockcount is restarted "
          + "with the cause fixed";
    }
    String full = spaceShortage();
    return full == null ? null : "STORE FULL " + full + ": nothing is stored until space is "
        + "freed (no restart needed)";
  }

  /**
   * Returns why the database's disk is too full to take a count now, or null. H2 on a disk that
   * fills up loses commits it has acknowledged (docs/STORE.md), so counts stop while there is
   * still room for H2 to finish what it is writing.
   */
  private String spaceShortage() {
    long min = settings.minFreeBytes();
    if (min == 0) {
      return null;
    }
    long free;
    try {
      java.nio.file.FileStore disk = fileStore;
      if (disk == null) {
        // Found once (the JDK reads the mount table for it); its free space is a statfs call.
        disk = Files.getFileStore(settings.dataFile());
        fileStore = disk;
      }
      free = disk.getUsableSpace();
    } catch (java.io.IOException e) {
      return null; // the write itself will say what is wrong
    }
    if (free >= min) {
      if (spaceShort != null) {
        log.warn("store {}: disk space back ({} free): counts are stored again",
            settings.dataFile(), megabytes(free));
        spaceShort = null;
      }
      return null;
    }
    if (spaceShort == null) {
      spaceShort = "since " + OffsetDateTime.now(ZoneOffset.UTC).withNano(0) + " the disk of "
          + "the database has less than " + megabytes(min) + " free (store.min-free-space)";
      log.error("store {}: STORE FULL: {} ({} free): no count is stored until space is "
          + "freed", settings.dataFile(), spaceShort, megabytes(free));
    }
    return spaceShort + " (disk nearly full)";
  }

  /** Bytes as the config writes them: 6MB is 6,000,000 bytes. */
  private static String megabytes(long bytes) {
    return bytes % 1_000_000 == 0 || bytes >= 10_000_000 ? bytes / 1_000_000 + " MB"
        : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /**
   * Fail-stop: H2 closes the file on a failed write and reopens it for the next connection
   * from its last chunk found on disk, which can leave out commits made in between. No journal
   * record is acknowledged again until a restart recovers cleanly.
   */
  private synchronized void latch(Exception e) {
    if (writeFailure != null) {
      return;
    }
    writeFailure = "since " + OffsetDateTime.now(ZoneOffset.UTC).withNano(0)
        + " the database file cannot be written (disk full, or its file system read-only or "
        + "gone?)";
    log.error("store {}: STORE FAILED: {}; no count is stored until dockcount is restarted "
        + "with the cause fixed: {}", settings.dataFile(), writeFailure,
        e instanceof SQLException q ? describe(q) : e.toString());
  }

  /** Whether H2 says its file failed: cannot be written, corrupted, or an MVStore error. */
  private static boolean isFileFailure(SQLException e) {
    return cannotWrite(e) || e.getErrorCode() == org.h2.api.ErrorCode.FILE_CORRUPTED_1
        || e.getErrorCode() == org.h2.api.ErrorCode.GENERAL_ERROR_1
            && String.valueOf(e.getMessage()).contains("MVStoreException");
  }

  /** Whether H2 says its file cannot be written (a full disk closes the file). */
  private static boolean cannotWrite(SQLException e) {
    return switch (e.getErrorCode()) {
      case org.h2.api.ErrorCode.IO_EXCEPTION_1, org.h2.api.ErrorCode.IO_EXCEPTION_2,
          org.h2.api.ErrorCode.DATABASE_IS_CLOSED, org.h2.api.ErrorCode.DATABASE_IS_READ_ONLY ->
          true;
      default -> false;
    };
  }

  /**
   * Says a file-system failure in words a supervisor can act on (a full disk closes H2's file,
   * and every later write fails with "database closed"), with H2's message after it.
   */
  static String describe(SQLException e) {
    String h2 = e.getMessage();
    return cannotWrite(e) ? "the database file cannot be written (disk full, or its file "
        + "system read-only or gone?) (H2: " + h2 + ")" : h2;
  }

  /** Counts a call in (close waits for it), unless the store is closed; says whether it did. */
  private synchronized boolean entered() {
    if (closed) {
      return false;
    }
    inFlight++;
    return true;
  }

  private synchronized void returned() {
    inFlight--;
    notifyAll();
  }

  /** Commits and, when configured, forces the database file to disk. */
  void commitDurably(Connection c) throws SQLException {
    c.commit();
    if (settings.sync()) {
      try (Statement st = c.createStatement()) {
        st.execute("CHECKPOINT SYNC");
      }
    }
  }

  // ---- journal ----------------------------------------------------------------------------

  /**
   * Writes the entries in one transaction, in order, and returns their numbers. Returns after
   * the commit is durable (see the class comment).
   */
  public long[] append(List<JournalEntry> entries) {
    journalWrites.incrementAndGet();
    String failed = writeFailure();
    if (failed != null) {
      throw new StoreException(failed + "; ask a supervisor");
    }
    long[] seqs = new long[entries.size()];
    OffsetDateTime wall = OffsetDateTime.now(ZoneOffset.UTC);
    String clk = clock;
    return transaction("append " + entries.size() + " journal records", c -> {
      try (PreparedStatement count = c.prepareStatement(Sql.INSERT_COUNT);
          PreparedStatement event = c.prepareStatement(Sql.INSERT_EVENT);
          PreparedStatement rejected = c.prepareStatement(Sql.INSERT_REJECTED)) {
        for (int i = 0; i < seqs.length; i++) {
          seqs[i] = nextSeq();
          Sql.bind(entries.get(i), seqs[i], wall, clk, count, event, rejected);
        }
        count.executeBatch();
        event.executeBatch();
        rejected.executeBatch();
      }
      commitDurably(c);
      return seqs;
    });
  }

  /** A journal record of one zone, as read back at recovery. */
  public sealed interface Stored {
    long seq();
  }

  /** A stored count, with the book snapshot in force when it was taken (or null). */
  public record StoredCount(long seq, CountRecord record, int round, Long snapshotId)
      implements Stored {}

  /** A stored void of count {@code voidOf}. */
  public record StoredVoid(long seq, long voidOf) implements Stored {}

  /** A stored location event, with who moved the location ({@code reconciliation}: a run). */
  public record StoredEvent(long seq, String location, String state, int round, String byWhom)
      implements Stored {}

  /** A stored scan of {@code sku} held for a supervisor in the location's count round. */
  public record StoredHeld(long seq, String location, String sku, int round)
      implements Stored {}

  /**
   * A recount task as stored; {@code awaitsCount} when opened without figures (its zone closed
   * on the line, or a supervisor sent it back) and waiting for a count's.
   */
  public record StoredTask(long id, String location, String sku, int round, String status,
      boolean awaitsCount, Long variance) {}

  /**
   * Everything a zone needs to rebuild its state.
   *
   * @param books eaches on book per location and SKU, for every snapshot the zone's counts were
   *     taken under (lots added up)
   * @param movedBooks per snapshot, the zone's book in force at the pairs WMS movements moved
   *     under it, as {@link #saveMovedBook} last saved them
   */
  public record ZoneHistory(List<Stored> journal, List<StoredTask> tasks, long lastRunSeq,
      long runs, StoredBooks books, Map<String, String> settled,
      Map<Long, Map<LocationSku, Long>> movedBooks) {}

  /**
   * Stored books of snapshots, each only at the locations it was read at ({@code at}, per
   * snapshot): the snapshot coming into force at every location the zone had counts at, an
   * earlier one at those counted under it. A location not in its set is not known from it (not
   * 0). A snapshot with no line at its locations is left out.
   */
  public record StoredBooks(Map<Long, Map<LocationSku, Long>> lines,
      Map<Long, java.util.Set<String>> at) {
    public static final StoredBooks NONE = new StoredBooks(Map.of(), Map.of());
  }

  /** A SKU at a location. */
  public record LocationSku(String location, String sku) {}

  /** Reads a zone's journal in sequence order, its recount tasks and its last run's number. */
  public ZoneHistory loadZone(String zone) {
    return loadZone(zone, null);
  }

  /**
   * As {@link #loadZone(String)}, leaving the lines of {@code currentSnapshot} out of
   * {@link ZoneHistory#books()}: the zone has the current book already, and only needs the
   * books that earlier counts were taken under (with one snapshot, that is nothing to read and
   * no second copy of the book in memory).
   */
  public ZoneHistory loadZone(String zone, Long currentSnapshot) {
    return transaction("read the journal of zone " + zone, c -> new ZoneHistory(
        ZoneQueries.journal(c, zone), ZoneQueries.tasks(c, zone), ZoneQueries.lastRun(c, zone),
        ZoneQueries.runs(c, zone), ZoneQueries.books(c, zone, currentSnapshot),
        ZoneQueries.settled(c, zone), ZoneQueries.movedBooks(c, zone)));
  }

  /**
   * Receives a zone's journal at recovery, one row at a time, with only what a zone's state
   * keeps: counts and voids in journal order, then location events in journal order.
   */
  public interface JournalReader {
    /**
     * A count; {@code unitIdentity} as {@link CountRecord#unitIdentity()}, or null; {@code unit}
     * the unit it was keyed in.
     */
    void count(long seq, String station, long stationSeq, String location, String sku,
        long eaches, int round, Long snapshotId, String unitIdentity, String unit);

    /** The void of count {@code voidOf}. */
    void voided(long seq, long voidOf);

    /** A location event, with who moved the location ({@code reconciliation}: a run). */
    void event(long seq, String location, String state, int round, String byWhom);

    /** A scan of {@code sku} held for a supervisor in the location's count round. */
    default void held(long seq, String location, String sku, int round) {}
  }

  /** Reads one zone's journal into {@code reader} (see {@link JournalReader}). */
  public void readJournal(String zone, JournalReader reader) {
    transaction("read the journal of zone " + zone, c -> {
      ZoneQueries.journal(c, zone, reader);
      return null;
    });
  }

  /**
   * Reads the whole journal once, in journal order, giving each row to the reader of its zone
   * ({@code readers} returns it; called on this thread). Faster than one read per zone: the
   * table is read in its own order, not through the zone index.
   */
  public void readJournal(java.util.function.Function<String, JournalReader> readers) {
    transaction("read the journal", c -> {
      ZoneQueries.journal(c, readers);
      return null;
    });
  }

  /**
   * Returns what a zone needs besides its journal (see {@link #loadZone(String, Long)}), with an
   * empty journal list: its recount tasks, its last run's number, and the books of
   * {@code snapshots} as {@link #zoneBooks} reads them ({@code inForce}, the current one, at
   * every counted location; the others, its counts' earlier snapshots, where counted under them).
   */
  public ZoneHistory zoneRest(String zone, java.util.Set<Long> snapshots, Long inForce) {
    return transaction("read the tasks and runs of zone " + zone, c -> new ZoneHistory(
        List.of(), ZoneQueries.tasks(c, zone), ZoneQueries.lastRun(c, zone),
        ZoneQueries.runs(c, zone), ZoneQueries.books(c, zone, snapshots, inForce),
        ZoneQueries.settled(c, zone), ZoneQueries.movedBooks(c, zone)));
  }

  /**
   * Saves the zone's book in force under {@code snapshotId} at the pairs WMS movements have
   * just moved ({@code figures}: eaches, lots added up), replacing what was saved for them: what
   * counts taken under that snapshot were compared with, kept for when a newer snapshot
   * replaces it, a restart in between included.
   */
  public void saveMovedBook(String zone, long snapshotId, Map<LocationSku, Long> figures) {
    if (figures.isEmpty()) {
      return;
    }
    transaction("save the moved book of zone " + zone + " under snapshot " + snapshotId, c -> {
      try (PreparedStatement ps = c.prepareStatement("MERGE INTO moved_book (zone, "
          + "snapshot_id, location, sku, eaches) KEY (zone, snapshot_id, location, sku) "
          + "VALUES (?, ?, ?, ?, ?)")) {
        for (Map.Entry<LocationSku, Long> e : figures.entrySet()) {
          Sql.setAll(ps, zone, snapshotId, e.getKey().location(), e.getKey().sku(),
              e.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      commitDurably(c);
      return null;
    });
  }

  /**
   * Returns the books of {@code snapshots} as stored (without WMS movements): {@code inForce}
   * at the locations the zone has counts at, each other one at the locations counted under it
   * ({@link StoredBooks}); a snapshot with no line there is left out.
   */
  public StoredBooks zoneBooks(String zone, java.util.Set<Long> snapshots, Long inForce) {
    return transaction("read the books of zone " + zone,
        c -> ZoneQueries.books(c, zone, snapshots, inForce));
  }

  /**
   * Returns the highest station number stored for the station's counts, 0 when none: a station
   * starting again numbers its records above it, so the zone never takes a new scan for a resend.
   */
  public long lastStationSequence(String station) {
    return transaction("read the last number of station " + station, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(station_seq), 0) "
          + "FROM count_record WHERE station = ? AND kind = 'COUNT'")) {
        ps.setString(1, station);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  // ---- runs -------------------------------------------------------------------------------

  /** The numbers given to a saved run and its location events. */
  public record RunSaved(long runId, long[] eventSeqs) {}

  /**
   * Saves a reconciliation run with its lines, tasks, location events and alerts, at once, and
   * drops the lines of the zone's runs that have fallen out of the runs it keeps whole
   * ({@code keepRunLines}, {@link RunRetention}).
   */
  public RunSaved saveRun(RunRecord run) {
    String full = writeFailure();
    if (full != null) {
      // A run's block is large; the zone keeps its state and saves a run again later.
      throw new StoreException("run of zone " + run.zone() + " not saved: " + full);
    }
    return transaction("save the run of zone " + run.zone(), c -> {
      RunSaved saved = RunWriter.write(this, c, run, clock);
      RunRetention.dropOldLines(c, run.zone(), settings.keepRunLines(),
          OffsetDateTime.now(ZoneOffset.UTC));
      commitDurably(c);
      return saved;
    });
  }

  /**
   * Returns when the content of book snapshot {@code id} was first stored, or null when there
   * is none. A restart with the same files keeps their snapshot, and its age; so does one after
   * a WMS delivery came in between, which stores the same files as a new snapshot (the latest
   * is then the WMS's): WMS movements since the files were first read are not in their book.
   */
  public java.time.Instant snapshotLoadedAt(long id) {
    return transaction("read when snapshot " + id + " was stored", c -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT MIN(f.loaded_wall) "
          + "FROM book_snapshot s JOIN book_snapshot f ON f.content_hash = s.content_hash "
          + "WHERE s.id = ?")) {
        ps.setLong(1, id);
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          java.time.OffsetDateTime first = rs.next()
              ? rs.getObject(1, java.time.OffsetDateTime.class) : null;
          return first == null ? null : first.toInstant();
        }
      }
    });
  }

  /**
   * Marks recount tasks done outside a run: a supervisor settled their location, and the
   * recount queue must not wait for the next cycle to say so.
   */
  public void closeTasks(List<RunRecord.TaskKey> keys) {
    transaction("close " + keys.size() + " recount task(s)", c -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement("UPDATE recount_task "
          + "SET status = 'DONE' WHERE location = ? AND sku = ? AND round = ?")) {
        for (RunRecord.TaskKey k : keys) {
          Sql.setAll(ps, k.location(), k.sku(), k.round());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      commitDurably(c);
      return null;
    });
  }

  /** One saved line of a reconciliation run; null numbers are unknown (no cost, not counted). */
  public record StoredLine(String location, String sku, String status, Long bookEaches,
      Long countedEaches, Long variance, BigDecimal unitCost, BigDecimal varianceValue,
      String flags, String reason) {}

  /**
   * Reads a saved run's lines, by location then SKU (for reports); refuses a run whose lines
   * retention dropped, rather than return the few it kept as if they were all.
   */
  public List<StoredLine> runLines(long runId) {
    return transaction("read the lines of run " + runId, c -> RunReader.lines(c, runId));
  }

  // ---- master data ------------------------------------------------------------------------

  /**
   * Stores the start-up files as a book snapshot, or returns the snapshot they were stored as
   * at an earlier start when their content is the same (WMS snapshots stored since or not).
   */
  public long saveStartUpFiles(MasterData data, String source, String contentHash) {
    return saveSnapshot(data, source, contentHash, true);
  }

  /**
   * Stores the master data and book as a snapshot, unless the latest snapshot has the same
   * content hash; returns the snapshot's id.
   */
  public long saveMasterData(MasterData data, String source, String contentHash) {
    return saveSnapshot(data, source, contentHash, false);
  }

  private long saveSnapshot(MasterData data, String source, String contentHash,
      boolean startUpFiles) {
    return transaction("store the book snapshot from " + source, c -> {
      long id = MasterWriter.write(this, c, data, source, contentHash, clock, startUpFiles);
      commitDurably(c);
      return id;
    });
  }

  // ---- backup and close -------------------------------------------------------------------

  /**
   * Writes an online backup, verifies it by opening it, and prunes old ones.
   *
   * @throws StoreException when the backup failed, or, with {@link
   *     StoreException#backupStopped}, when {@link #stopBackups} abandoned it or came first
   */
  public Path backup() {
    // One backup at a time: two at the same journal number would write the same file.
    synchronized (backupLock) {
      String stopped = backupsStopped;
      if (stopped != null) {
        String said = "backup not started: " + stopped + "; " + Backups.lastGood(
            settings.backupDir().toAbsolutePath());
        log.warn("store {}: {}", settings.dataFile(), said);
        throw StoreException.ofStoppedBackup(said);
      }
      Path written = transaction("back up",
          c -> Backups.write(this, c, settings, () -> backupsStopped));
      writeGivenOut();
      return written;
    }
  }

  /**
   * Stops backups for good: one being written is abandoned within one write of its copy (the
   * partial file deleted, the backups already there left as they are), and none starts after.
   * Returns at once. A stop must not wait minutes for the copy of a large file, and the thread
   * writing it is never interrupted (see the class comment): it notices by itself.
   *
   * @param why said in the log line of the backup abandoned or not started
   */
  public void stopBackups(String why) {
    if (backupsStopped == null) {
      backupsStopped = java.util.Objects.requireNonNull(why, "why");
    }
  }

  /**
   * The file beside the database that keeps the highest journal number this store had given
   * out at its last backup or clean stop: a database older than that, put in place by hand, is
   * then known as a restore, and numbers are not given out twice.
   */
  static Path givenOutFile(StoreSettings settings) {
    return settings.dataFile().resolveSibling("dockcount.journal-given-out");
  }

  private static long readGivenOut(StoreSettings settings) {
    try {
      Path f = givenOutFile(settings);
      return Files.exists(f) ? Long.parseLong(Files.readString(f).strip()) : 0;
    } catch (java.io.IOException | NumberFormatException e) {
      log.warn("store {}: {} cannot be read ({}): a database restored by hand is not told from "
          + "this one", settings.dataFile(), givenOutFile(settings), e.toString());
      return 0;
    }
  }

  private void writeGivenOut() {
    Path f = givenOutFile(settings);
    try {
      Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
      Files.writeString(tmp, Long.toString(lastSeq.get()) + "\n");
      Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.io.IOException | RuntimeException e) {
      log.warn("store {}: {} cannot be written: {}", settings.dataFile(), f, e.toString());
    }
  }

  /**
   * Rewrites the live pages of the file's mostly dead chunks into new ones, so that their space
   * is used again. With {@code WRITE_DELAY 0} H2 runs no background writer, which is what does
   * this otherwise: every durable commit leaves a chunk behind, and without it the file grew
   * by about 6.6 KB per scan for as long as the service ran (docs/STORE.md). Call it every few
   * seconds from the blocking dispatcher; it holds H2's store lock a few milliseconds and
   * gives up at once if a commit holds it. Never fails: the next call tries again.
   *
   * @return whether chunks were rewritten
   */
  public boolean compact() {
    if (writeFailure() != null || !entered()) {
      return false; // compaction writes new chunks: not on a failed store or a full disk
    }
    try (Connection c = pool.getConnection()) {
      // H2 has no SQL for this: the MVStore is reached through its engine classes.
      org.h2.mvstore.MVStore mv = ((org.h2.engine.SessionLocal) c.unwrap(
          org.h2.jdbc.JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
      return mv.compact(COMPACT_BELOW_FILL_PERCENT, COMPACT_WRITE_BYTES);
    } catch (SQLException | RuntimeException e) {
      // A write H2 could not make here closes its file as one in a transaction would.
      log.warn("store {}: compaction failed: {}", settings.dataFile(), e.toString());
      if (e instanceof SQLException q ? isFileFailure(q)
          : e instanceof org.h2.mvstore.MVStoreException) {
        latch(e);
      }
      return false;
    } finally {
      returned();
    }
  }

  /** After a restore from backup, journal numbers go on from the next multiple of this. */
  static final long RESTORE_GAP = 1_000_000;

  /** How long H2 keeps a replaced chunk before reusing its space, when commits are synced. */
  static final int RETENTION_MS = 5_000;
  /** Chunks are rewritten while live data fills less of them than this. */
  private static final int COMPACT_BELOW_FILL_PERCENT = 90;
  /** At most about this much is rewritten per call. */
  private static final int COMPACT_WRITE_BYTES = 2 << 20;

  /**
   * Whether the file system holds a second copy of the database file with room to spare: the
   * compaction at close writes the live data anew before the old file goes.
   */
  private boolean roomToCompact() {
    try {
      Path dir = settings.dataFile().toAbsolutePath().getParent();
      return Files.getFileStore(dir).getUsableSpace() > 2 * fileSize() + (64L << 20);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Returns the size of the database file in bytes (0 when it cannot be read). */
  public long fileSize() {
    try {
      return Files.size(settings.dataFile());
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  /** Returns row counts of the journal tables, for status lines and tests. */
  public Map<String, Long> counts() {
    return transaction("count rows", c -> {
      Map<String, Long> out = new HashMap<>();
      try (Statement st = c.createStatement()) {
        for (String t : List.of("count_record", "location_event", "rejected_scan", "recon_run",
            "recount_task", "notification_outbox")) {
          // Table names come from this fixed list, never from input.
          try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
            rs.next();
            out.put(t, rs.getLong(1));
          }
        }
        // A run's lines are one block each since V7 (RunBlocks), rows before: every run's
        // line_count is its lines either way.
        try (ResultSet rs = st.executeQuery(
            "SELECT COALESCE(SUM(line_count), 0) FROM recon_run")) {
          rs.next();
          out.put("recon_line", rs.getLong(1));
        }
        // Book lines are stored in one block per snapshot (MasterBlocks).
        try (ResultSet rs = st.executeQuery(
            "SELECT COALESCE(SUM(line_count), 0) FROM book_block")) {
          rs.next();
          out.put("book_line", rs.getLong(1));
        }
      }
      return out;
    });
  }

  /**
   * Closes H2 cleanly: every committed change written, and the file rewritten to its live data
   * ({@code SHUTDOWN COMPACT}; a plain {@code SHUTDOWN} left a file of four times its live size
   * as it was) when the disk has room for the copy, else only closed. Callers stop writing
   * first; later calls fail.
   */
  @Override
  public void close() {
    // A backup still being written would hold the close (it is a running statement) for as
    // long as its copy takes.
    stopBackups("the store is closing");
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
      while (inFlight > 0 && System.nanoTime() < deadline) {
        try {
          wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (inFlight > 0) {
        log.error("store {}: {} statements still running after {}; shutting down anyway",
            settings.dataFile(), inFlight, CLOSE_WAIT);
      }
    }
    if (writeFailure == null) {
      writeGivenOut();
    }
    boolean compact = writeFailure == null && roomToCompact();
    long before = fileSize();
    long started = System.nanoTime();
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute(compact ? "SHUTDOWN COMPACT" : "SHUTDOWN");
      log.info("store {}: closed{}", settings.dataFile(), compact ? String.format(
          " and compacted from %.1f MB to %.1f MB in %d ms", before / 1e6, fileSize() / 1e6,
          (System.nanoTime() - started) / 1_000_000) : "");
    } catch (SQLException e) {
      log.error("store {}: clean shutdown failed; H2 will recover at next open",
          settings.dataFile(), e);
    } finally {
      pool.dispose();
    }
  }

  static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
    BigDecimal v = rs.getBigDecimal(column);
    if (v == null) {
      return null;
    }
    // NUMERIC(24, 9) pads to 9 decimals; give back the written value, at least to the cent.
    BigDecimal stripped = v.stripTrailingZeros();
    return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
  }
}
