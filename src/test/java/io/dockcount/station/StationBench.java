package io.dockcount.station;

import io.dockcount.scan.ScannerSettings;
import io.dockcount.scan.SocatPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures acknowledged scans per second end to end: N stations on socat pseudo-terminals read
 * through jSerialComm, each sent a burst of plain-unit scans, counted when their good outcome
 * (durable in H2) arrives. Run by hand:
 * {@code java -cp target/classes:target/test-classes:CP io.dockcount.station.StationBench DIR
 * [stations] [scans per station]}.
 */
public final class StationBench {
  private StationBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(
        Path.of(args.length > 0 ? args[0] : "target/bench")), "stations-");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int perStation = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    List<SocatPair> ptys = new ArrayList<>();
    List<ScannerSettings> scanners = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      SocatPair p = new SocatPair(Files.createDirectories(dir.resolve("pty" + i))).plugIn();
      ptys.add(p);
      scanners.add(ScannerSettings.forPath("DOCK-" + i, "A", p.hostEnd().toString()));
    }
    try (WiredService wired = new WiredService(dir, scanners, Map.of(), "1h")) {
      StringBuilder burst = new StringBuilder("BADGE:E1\rLOC:A-01-02-B\r");
      for (int k = 0; k < perStation; k++) {
        burst.append("]E05412345000013\r");
      }
      long t0 = System.nanoTime();
      for (SocatPair p : ptys) {
        p.send(burst.toString());
      }
      int counted = 0;
      int bad = 0;
      while (counted + bad < n * perStation) {
        StationOutcome o = wired.outcomes.poll(30, TimeUnit.SECONDS);
        if (o == null) {
          throw new IllegalStateException("stalled at " + counted + " good, " + bad + " bad");
        }
        if (o.kind().equals("COUNT")) {
          counted += o.feedback() == io.dockcount.core.station.Feedback.GOOD ? 1 : 0;
          bad += o.feedback() == io.dockcount.core.station.Feedback.BAD ? 1 : 0;
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("%d stations x %d scans: %d acknowledged, %d bad in %.2f s = %.0f "
          + "acknowledged scans/s%n", n, perStation, counted, bad, s, counted / s);
    } finally {
      for (SocatPair p : ptys) {
        p.close();
      }
    }
  }
}
