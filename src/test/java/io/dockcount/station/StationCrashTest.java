package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.scan.SocatPair;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as its own process ({@code Main run --config}), reading a scanner on a
 * pseudo-terminal while scans stream in, killed with SIGKILL, then started again: every scan
 * whose good feedback was seen is in H2 exactly once, and a counter who rescans everything after
 * the restart is refused for what is already stored (each scan is a serialized unit) and counted
 * for the rest, so each unit ends up in H2 exactly once.
 */
@Timeout(180)
final class StationCrashTest {
  private static final int SCANS = 400;
  private static final int ACKS_BEFORE_KILL = 120;

  @Test
  void sigkillMidStream_everyAcknowledgedScanStoredOnce_rescansNotDoubled(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    Files.createDirectories(dir.resolve("pty"));
    try (SocatPair scanner = new SocatPair(dir.resolve("pty")).plugIn()) {
      Path config = writeSite(dir, scanner.hostEnd());

      // First life: scans stream in until enough good feedback is seen, then SIGKILL.
      Process first = start(config, dir.resolve("first.err"));
      Lines out = new Lines(first);
      out.awaitRunning();
      AtomicBoolean stop = new AtomicBoolean();
      Thread writer = new Thread(() -> stream(scanner, stop), "scanner-writer");
      writer.start();
      Map<Long, Long> acked = new HashMap<>(); // serial number -> journal record
      while (acked.size() < ACKS_BEFORE_KILL) {
        String[] f = out.nextFeedback();
        if (f[3].equals("GOOD") && f[4].equals("COUNT")) {
          acked.put(Long.parseLong(f[2]) - 2, Long.parseLong(f[5]));
        }
      }
      first.destroyForcibly();
      assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      stop.set(true);
      writer.join(10_000);

      // Second life: the counter logs in again and rescans every unit.
      Process second = start(config, dir.resolve("second.err"));
      Lines again = new Lines(second);
      again.awaitRunning();
      StringBuilder rescan = new StringBuilder("\rBADGE:E042\rLOC:A-01-03-A\r");
      for (int i = 1; i <= SCANS; i++) {
        rescan.append(unit(i));
      }
      scanner.send(rescan.toString());
      int good = 0;
      int refusedAsCounted = 0;
      for (int answered = 0; answered < SCANS; ) {
        String[] f = again.nextFeedback();
        if (f[4].equals("COUNT")) {
          answered++;
          good += f[3].equals("GOOD") ? 1 : 0;
          refusedAsCounted += f[3].equals("BAD") && f[6].contains("already counted") ? 1 : 0;
        }
      }
      second.destroy(); // SIGTERM: a clean stop this time
      assertTrue(second.waitFor(60, TimeUnit.SECONDS));
      List<String> atStop = again.rest();
      assertTrue(atStop.stream().noneMatch(l -> l.contains("offline")
          || l.contains("disconnected")), "a clean stop alerted: " + atStop);

      Map<Long, long[]> stored = storedUnits(dir);
      for (Map.Entry<Long, Long> a : acked.entrySet()) {
        long[] s = stored.get(a.getKey());
        assertTrue(s != null && s[1] == a.getValue(), "acknowledged unit " + a.getKey()
            + " as record " + a.getValue() + " is not stored as such");
      }
      assertEquals(SCANS, stored.size());
      assertTrue(stored.values().stream().allMatch(s -> s[0] == 1), "a unit stored twice");
      assertEquals(SCANS, good + refusedAsCounted);
      assertTrue(refusedAsCounted >= ACKS_BEFORE_KILL, "refused " + refusedAsCounted);
    }
  }

  private static String unit(int i) {
    return String.format("]C10100000000007771" + "21SN%06d\r", i);
  }

  /** Writes the badge, the location and then the units in small bursts until stopped. */
  private static void stream(SocatPair scanner, AtomicBoolean stop) {
    try {
      scanner.send("BADGE:E042\rLOC:A-01-03-A\r");
      for (int i = 1; i <= SCANS && !stop.get(); i += 4) {
        StringBuilder burst = new StringBuilder();
        for (int k = i; k < i + 4 && k <= SCANS; k++) {
          burst.append(unit(k));
        }
        scanner.send(burst.toString());
      }
    } catch (java.io.IOException e) {
      // The terminal may go away with the killed reader; the test checks what was stored.
    }
  }

  /** Starts {@code dockcount run --config} as a child process, its stderr into {@code err}. */
  static Process start(Path config, Path err) throws java.io.IOException {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.dockcount.cli.Main", "run",
        "--config", config.toString())
        .redirectError(err.toFile())
        .start();
  }

  /** Serial number -> {times stored, journal record}. */
  private static Map<Long, long[]> storedUnits(Path dir) throws Exception {
    Map<Long, long[]> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:"
        + dir.resolve("dockcount").toAbsolutePath(), "sa", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT serial, COUNT(*), MIN(seq) FROM count_record "
            + "WHERE kind = 'COUNT' GROUP BY serial")) {
      while (rs.next()) {
        out.put(Long.parseLong(rs.getString(1).substring(2)),
            new long[] {rs.getLong(2), rs.getLong(3)});
      }
    }
    return out;
  }

  private static Path writeSite(Path dir, Path device) throws java.io.IOException {
    Files.writeString(dir.resolve("book.csv"), "sku,location,book_qty\n0777,A-01-03-A,"
        + SCANS + "\n00913,A-01-02-B,30\n");
    Files.writeString(dir.resolve("items.csv"), "sku,unit_cost\n0777,40.00\n00913,2.50\n");
    Files.writeString(dir.resolve("uom.csv"), "sku,uom,qty_per_uom\n00913,CS,12\n");
    Files.writeString(dir.resolve("barcodes.csv"), "barcode,sku,uom\n00000000007771,0777,EA\n");
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, String.join("\n",
        "dockcount.store.path = \"" + dir.resolve("dockcount") + "\"",
        "dockcount.backup.dir = \"" + dir.resolve("backup") + "\"",
        "dockcount.inputs.book = \"" + dir.resolve("book.csv") + "\"",
        "dockcount.inputs.items = \"" + dir.resolve("items.csv") + "\"",
        "dockcount.inputs.uom = \"" + dir.resolve("uom.csv") + "\"",
        "dockcount.inputs.barcodes = \"" + dir.resolve("barcodes.csv") + "\"",
        "dockcount.stations.DOCK-1 { zone = A, device = \"" + device + "\",",
        "  gpio { good-pin = 17, bad-pin = 27 } }",
        "dockcount.counting { print-feedback = true, gpio = mock }",
        "akka.loglevel = WARNING", ""));
    return conf;
  }

  /** The child's stdout, read on a thread so the child never blocks on a full pipe. */
  static final class Lines {
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Lines(Process p) {
      Thread t = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (java.io.IOException e) {
          // The process was killed; what it printed before is queued.
        }
        lines.add("EOF");
      }, "child-stdout");
      t.setDaemon(true);
      t.start();
    }

    /** Returns what the child printed until its end. */
    List<String> rest() throws InterruptedException {
      List<String> out = new java.util.ArrayList<>();
      for (String line = lines.poll(60, TimeUnit.SECONDS); line != null && !line.equals("EOF");
          line = lines.poll(60, TimeUnit.SECONDS)) {
        out.add(line);
      }
      return out;
    }

    String next() throws InterruptedException {
      String line = lines.poll(60, TimeUnit.SECONDS);
      if (line == null || line.equals("EOF")) {
        throw new AssertionError("the service printed nothing more (see its .err file)");
      }
      return line;
    }

    void awaitRunning() throws InterruptedException {
      while (!next().startsWith("dockcount: running")) {
        // Log lines before the service is up.
      }
    }

    /** Returns FEEDBACK, station, scan, GOOD/BAD, kind, journal record, detail. */
    String[] nextFeedback() throws InterruptedException {
      for (String line = next(); ; line = next()) {
        if (line.startsWith("FEEDBACK ")) {
          return line.split(" ", 7);
        }
      }
    }
  }
}
