package io.dockcount.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.CountRecord;
import io.dockcount.store.JournalEntry;
import io.dockcount.store.LargeStoreFile;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGTERM while {@code run} backs up a large store file (docs/BENCHMARKS.md, the soak's stop
 * of a 420 MB file, 42.7 s, never compacted): the stop must not wait for the copy, the store
 * must still be closed with {@code SHUTDOWN COMPACT}, and the backup cut short must leave
 * nothing that looks like a good one, while the last good backup stays and verifies.
 *
 * <p>The store holds real count records, and is then made large ({@link LargeStoreFile}). Its
 * size is {@code -Ddockcount.test.stop-backup-mb} (240 by default: a backup of it takes
 * several seconds here; 420 is the soak's file).
 */
final class StopDuringBackupTest {
  private static final int COUNTS = 2_000;
  private static final long FILLER_MB = Long.getLong("dockcount.test.stop-backup-mb", 240);
  /** The copy is this far along when the stop is asked for. */
  private static final long PARTIAL_BYTES = 8L << 20;
  /** What the stop may take besides the compaction: Akka's phases, the journal, the zones. */
  private static final long STOP_BESIDES_COMPACTION_MS = 4_000;
  private static final Pattern COMPACTED =
      Pattern.compile("closed and compacted from ([0-9.]+) MB to ([0-9.]+) MB in (\\d+) ms");

  @Test
  void sigtermMidBackup_stopsPromptly_compactsTheStore_keepsTheLastGoodBackup(@TempDir Path dir)
      throws Exception {
    // given: a store with counts and a verified backup of them, then grown large
    StoreSettings settings = StoreSettings.under(dir);
    Path good;
    try (Store store = Store.open(settings)) {
      appendCounts(store);
      good = store.backup();
    }
    LargeStoreFile.grow(settings, FILLER_MB);
    long before = Files.size(settings.dataFile());
    Files.writeString(dir.resolve("book.csv"), book());
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, String.join("\n",
        "dockcount.store.path = \"" + settings.path() + "\"",
        "dockcount.backup { dir = \"" + settings.backupDir() + "\", interval = 1s }",
        "dockcount.inputs.book = \"" + dir.resolve("book.csv") + "\"",
        "dockcount.console.enabled = false",
        "akka.loglevel = WARNING", ""));

    // when: the service is stopped while its backup is being written
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), "io.dockcount.cli.Main",
        "run", "--config", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
    Path partial = awaitPartial(settings.backupDir(), child, dir.resolve("run.log"));
    long partialBytes = Files.size(partial);
    long asked = System.nanoTime();
    child.destroy(); // SIGTERM, as systemd's KillSignal
    boolean ended = child.waitFor(90, TimeUnit.SECONDS);
    long stopMs = (System.nanoTime() - asked) / 1_000_000;
    if (!ended) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    String printed = Files.readString(dir.resolve("run.log"));

    // then: a prompt, clean stop
    assertTrue(ended, "the service did not stop within 90 s:\n" + printed);
    assertEquals(143, child.exitValue(), printed);
    Matcher m = COMPACTED.matcher(printed);
    boolean compacted = m.find();
    System.out.printf("stop during backup: file %.1f MB, copy at %.1f MB at SIGTERM, stop %d ms;"
        + " %s%n", before / 1e6, partialBytes / 1e6, stopMs, compacted ? m.group() : "no "
        + "compaction");
    assertTrue(compacted, "the store was not compacted at the stop:\n" + printed);
    long compactMs = Long.parseLong(m.group(3));
    assertTrue(stopMs - compactMs < STOP_BESIDES_COMPACTION_MS, "the stop took " + stopMs
        + " ms, " + compactMs + " ms of it compacting: it waited for the backup\n" + printed);
    String abandoned = printed.lines().filter(l -> l.contains("backup abandoned after "))
        .findFirst().orElse(null);
    System.out.println(abandoned);
    assertTrue(abandoned != null && abandoned.contains("the service is stopping; the partial "
        + "copy was deleted and the last good backup stays: " + good), "no line says the backup "
        + "was abandoned, and which one stays:\n" + printed);

    // nothing else in the stop waited for it: no phase ran out, and the zones answered
    assertFalse(printed.contains("timed out"), printed);
    assertFalse(printed.contains("the zones did not answer"), printed);

    // the backup cut short left nothing behind; the last good one is there and verifies
    List<String> left = new ArrayList<>();
    try (var files = Files.list(settings.backupDir())) {
      files.forEach(p -> left.add(p.getFileName().toString()));
    }
    assertEquals(List.of(good.getFileName().toString()), left);
    assertEquals(COUNTS, countsIn(good, dir.resolve("verify")));

    // the store file is closed, compacted and opens with every count
    long after = Files.size(settings.dataFile());
    assertTrue(after < before * 3 / 4, "file " + before + " bytes before, " + after + " after");
    try (Store store = Store.open(settings)) {
      assertNull(store.restoredFrom());
      assertEquals(COUNTS, store.counts().get("count_record"));
    }
  }

  private static void appendCounts(Store store) {
    List<JournalEntry> batch = new ArrayList<>();
    for (int i = 1; i <= COUNTS; i++) {
      String location = String.format("A-01-%02d-A", i % 40);
      batch.add(new JournalEntry.Count("A", new CountRecord("DOCK-1", "ana", location,
          "0777", "EA", BigDecimal.ONE, 1, "", "0777\r", i), 0, null));
      if (batch.size() == 200) {
        store.append(batch);
        batch.clear();
      }
    }
  }

  private static String book() {
    StringBuilder b = new StringBuilder("sku,location,book_qty\n");
    for (int i = 0; i < 40; i++) {
      b.append(String.format("0777,A-01-%02d-A,50%n", i));
    }
    return b.toString();
  }

  /**
   * Waits until the service's backup copy has {@link #PARTIAL_BYTES} written and a backup tick
   * that came meanwhile was skipped (not queued behind it).
   */
  private static Path awaitPartial(Path backupDir, Process child, Path log)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (Files.isDirectory(backupDir)) {
        try (var files = Files.list(backupDir)) {
          for (Path p : files.toList()) {
            if (p.getFileName().toString().endsWith(".zip.partial")
                && Files.size(p) >= PARTIAL_BYTES
                && Files.readString(log).contains("backup skipped: the one started ")) {
              return p;
            }
          }
        } catch (java.nio.file.NoSuchFileException e) {
          // the copy was renamed or deleted between the listing and its size: look again
        }
      }
      Thread.sleep(20);
    }
    child.destroyForcibly();
    throw new AssertionError("no backup got under way:\n" + Files.readString(log));
  }

  /** Unzips a backup and reads its count records with the copy opened read-only. */
  private static long countsIn(Path zip, Path into) throws Exception {
    Files.createDirectories(into);
    try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        Files.copy(z, into.resolve(Path.of(e.getName()).getFileName()));
      }
    }
    String url = "jdbc:h2:file:" + into.resolve("dockcount").toAbsolutePath()
        + ";ACCESS_MODE_DATA=r";
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM count_record")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
