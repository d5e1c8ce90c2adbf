package io.dockcount.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online backups: H2's {@code BACKUP TO} zip of the database file, written under a temporary name,
 * verified by opening the copy read-only and reading the journal, then renamed into place. Names
 * carry the journal number they hold up to ({@code dockcount-000000001234.zip}), so the newest
 * sorts last without trusting the clock.
 */
final class Backups {
  private static final Logger log = LoggerFactory.getLogger(Backups.class);
  private static final String PREFIX = "dockcount-";
  private static final String SUFFIX = ".zip";
  /** H2's error code for a database file another process holds. */
  private static final int DATABASE_ALREADY_OPEN = 90020;

  private Backups() {}

  /** Never stops a copy: for the copies a start makes, before anything else runs. */
  private static final Supplier<String> NEVER = () -> null;

  /**
   * Writes, verifies and keeps a backup, then prunes the oldest.
   *
   * @param stop as {@link BackupTarget#open}: a copy it stops is deleted and
   *     {@link StoreException#backupStopped} thrown, the backups already there left as they are
   */
  static Path write(Store store, Connection c, StoreSettings settings, Supplier<String> stop) {
    Path target = settings.backupDir().toAbsolutePath()
        .resolve(String.format("%s%012d%s", PREFIX, store.lastSeq(), SUFFIX));
    long rows = copy(c, target, settings, stop);
    log.info("store {}: backup {} verified ({} count records)", settings.dataFile(), target,
        rows);
    try {
      prune(target.getParent(), settings.backupKeep());
    } catch (IOException | RuntimeException e) {
      throw new StoreException("backup to " + target + " failed: " + e.getMessage(), e);
    }
    return target;
  }

  /**
   * Writes an online copy of the store to {@code target} (through a partial file), verifies it
   * by opening it, and returns its count records. A copy that fails or is stopped is deleted:
   * only a verified one ever has a backup's name.
   */
  private static long copy(Connection c, Path target, StoreSettings settings,
      Supplier<String> stop) {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    long started = System.nanoTime();
    try (BackupTarget out = BackupTarget.open(partial, stop)) {
      try {
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(partial);
        try (PreparedStatement ps = c.prepareStatement("BACKUP TO ?")) {
          ps.setString(1, out.h2Name());
          ps.execute();
        }
        long rows = verify(partial, settings, stop);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        return rows;
      } catch (IOException | SQLException | RuntimeException e) {
        discard(partial);
        String why = e instanceof BackupTarget.Stopped s ? s.why() : out.stoppedFor();
        if (why == null) {
          throw new StoreException("backup to " + target + " failed: " + e.getMessage(), e);
        }
        String said = String.format("backup abandoned after %d ms and %.1f MB of its copy: %s;"
            + " the partial copy was deleted and %s", (System.nanoTime() - started) / 1_000_000,
            out.written() / 1e6, why, lastGood(target.getParent()));
        log.warn("store {}: {}", settings.dataFile(), said);
        throw StoreException.ofStoppedBackup(said);
      }
    }
  }

  /** Says which backup a stopped one leaves as the newest. */
  static String lastGood(Path dir) {
    try {
      List<Path> all = list(dir);
      return all.isEmpty() ? "there is no backup yet"
          : "the last good backup stays: " + all.get(all.size() - 1);
    } catch (IOException e) {
      return "the backups in " + dir + " cannot be listed: " + e;
    }
  }

  private static void discard(Path partial) {
    if (!Files.exists(partial)) {
      return; // never written (the backup directory could not be made, say)
    }
    try {
      Files.delete(partial);
    } catch (IOException e) {
      // Its name says what it is; the next good backup removes it.
      log.warn("backup copy {} cannot be deleted: {}", partial, e.toString());
    }
  }

  /**
   * How the copy of a store kept before an upgrade of its schema begins (then the schema version
   * it had and its journal number): not one of the rotating backups, so neither pruned nor
   * restored by itself, since only an older dockcount needs it.
   */
  static final String BEFORE_UPGRADE = "dockcount-before-upgrade-";

  /** Writes and verifies the copy kept before an upgrade from schema {@code from}. */
  static Path beforeUpgrade(Connection c, StoreSettings settings, String from, long seq) {
    Path target = settings.backupDir().toAbsolutePath()
        .resolve(String.format("%sv%s-%012d%s", BEFORE_UPGRADE, from, seq, SUFFIX));
    copy(c, target, settings, NEVER);
    return target;
  }

  /** Opens the backup's copy read-only and returns its count-record rows; throws if unusable. */
  static long verify(Path zip, StoreSettings settings) throws IOException, SQLException {
    return verify(zip, settings, NEVER);
  }

  /**
   * As {@link #verify(Path, StoreSettings)}, the unzip stopping with {@link BackupTarget.Stopped}
   * when {@code stop} says so; the copy's own open and count, quick, are not stopped.
   */
  private static long verify(Path zip, StoreSettings settings, Supplier<String> stop)
      throws IOException, SQLException {
    Path tmp = Files.createTempDirectory(zip.toAbsolutePath().getParent(), "verify-");
    try {
      Path db = unzip(zip, tmp, settings, stop);
      String url = "jdbc:h2:file:" + db.toAbsolutePath() + ";ACCESS_MODE_DATA=r";
      try (Connection c = DriverManager.getConnection(url, "sa", "");
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM count_record")) {
        rs.next();
        return rs.getLong(1);
      }
    } finally {
      deleteTree(tmp);
    }
  }

  /**
   * Moves the broken database file aside and puts the newest backup that verifies in its place.
   * Returns that backup.
   */
  static Path restoreLatest(StoreSettings settings) {
    List<Path> backups;
    try {
      backups = list(settings.backupDir().toAbsolutePath());
    } catch (IOException e) {
      throw new StoreException("cannot list backups in " + settings.backupDir(), e);
    }
    for (int i = backups.size() - 1; i >= 0; i--) {
      Path b = backups.get(i);
      try {
        verify(b, settings);
        Path data = settings.dataFile();
        Path aside = freeName(data);
        if (Files.exists(data)) {
          Files.move(data, aside);
          log.error("store {}: unreadable database moved to {}", data, aside);
        }
        unzip(b, data.toAbsolutePath().getParent(), settings, NEVER);
        return b;
      } catch (IOException | SQLException | RuntimeException e) {
        log.error("store {}: backup {} does not open either", settings.dataFile(), b, e);
      }
    }
    throw new StoreException("database " + settings.dataFile() + " will not open and no backup"
        + " in " + settings.backupDir() + " restores it (see the log for why each failed: a "
        + "full disk?); the unreadable file was kept beside it");
  }

  static boolean isLockedByAnother(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getErrorCode() == DATABASE_ALREADY_OPEN) {
        return true;
      }
    }
    return false;
  }

  private static Path unzip(Path zip, Path dir, StoreSettings settings, Supplier<String> stop)
      throws IOException {
    String wanted = settings.dataFile().getFileName().toString();
    try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        if (Path.of(e.getName()).getFileName().toString().equals(wanted)) {
          // Into a file of its own, then moved into place: a copy cut short (a full disk)
          // must not be left where the next start takes it for an empty new database.
          Path part = dir.resolve(wanted + ".restoring");
          try {
            copyChecked(z, part, stop);
            Files.move(part, dir.resolve(wanted), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
          } finally {
            Files.deleteIfExists(part);
          }
          String name = settings.path().getFileName().toString();
          return dir.resolve(name);
        }
      }
    }
    throw new IOException(zip + " holds no " + wanted);
  }

  /** Copies in chunks, looking between them whether the backup is to stop. */
  private static void copyChecked(InputStream in, Path to, Supplier<String> stop)
      throws IOException {
    byte[] buf = new byte[1 << 16];
    try (java.io.OutputStream out = Files.newOutputStream(to)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        String why = stop.get();
        if (why != null) {
          throw new BackupTarget.Stopped(why);
        }
        out.write(buf, 0, n);
      }
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      ds.forEach(p -> {
        if (!p.getFileName().toString().startsWith(BEFORE_UPGRADE)) {
          out.add(p); // the copy kept at an upgrade is for an older dockcount only
        }
      });
    }
    out.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return out;
  }

  private static void prune(Path dir, int keep) throws IOException {
    List<Path> all = list(dir);
    for (int i = 0; i < all.size() - keep; i++) {
      Files.deleteIfExists(all.get(i));
    }
    // What a process killed while backing up left: a partial copy, a verification directory.
    // One backup runs at a time and the store's lock keeps out other processes, so none of
    // these is in use now; left, they would pile up on the backup stick.
    try (var entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(PREFIX) && name.endsWith(SUFFIX + ".partial")) {
          Files.deleteIfExists(p);
        } else if (name.startsWith("verify-") && Files.isDirectory(p)) {
          deleteTree(p);
        }
      }
    }
  }

  /** How the name of an unreadable database moved aside goes on: {@code .broken-N}. */
  static final String BROKEN = ".broken-";

  private static Path freeName(Path data) {
    for (int n = 1; ; n++) {
      Path p = data.resolveSibling(data.getFileName() + BROKEN + n);
      if (!Files.exists(p)) {
        return p;
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
