package io.dockcount.bench;

import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.Framer;
import io.dockcount.core.barcode.RawBytes;
import io.dockcount.core.station.StationEvent;
import io.dockcount.core.station.StationSession;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames per CPU second of one thread (the thread's own CPU time, so a busy shared machine does
 * not count against it; the wall-clock rate is printed beside it), in two depths: (1) framing + AIM + GS1 parse + barcode table
 * lookup, the decoding target (200 000 frames/s); (2) framing + the whole station
 * session (badge, location, quantity labels, pallet de-duplication, eaches) into count records.
 * The input is one station's byte stream in reads of 64 bytes, CR LF after each frame.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:CP io.dockcount.bench.DecodeBench
 * [seconds-per-round] [rounds]}; prints one line per round and the median.
 */
public final class DecodeBench {
  private DecodeBench() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    BenchScans scans = new BenchScans();
    BenchScans.Script script = scans.script(1, "A", 20_000, 7);
    byte[] stream = join(script.frames());
    int frames = script.frames().size();
    BarcodeDecoder decoder = BarcodeDecoder.withSupportedAis(2026);
    System.out.printf("decode bench: %d frames, %d bytes per pass, reads of 64 bytes%n", frames,
        stream.length);

    List<Double> decodeRates = new ArrayList<>();
    List<Double> sessionRates = new ArrayList<>();
    measure("warm-up decode", () -> decodeOnly(stream, decoder, scans.table), frames, 3);
    measure("warm-up session", () -> session(stream, scans), frames, 3);
    for (int r = 0; r < rounds; r++) {
      decodeRates.add(measure("framing+AIM+GS1+table", () -> decodeOnly(stream, decoder,
          scans.table), frames, seconds));
      sessionRates.add(measure("framing+station session", () -> session(stream, scans), frames,
          seconds));
    }
    System.out.printf("median frames per CPU second: decode %.0f (min %.0f, max %.0f); session %.0f (min %.0f,"
        + " max %.0f)%n", median(decodeRates), min(decodeRates), max(decodeRates),
        median(sessionRates), min(sessionRates), max(sessionRates));
  }

  /** Returns the number of frames that resolved to a count. */
  static long decodeOnly(byte[] stream, BarcodeDecoder decoder, BarcodeTable table) {
    Framer framer = Framer.crLf();
    long counted = 0;
    for (int off = 0; off < stream.length; off += 64) {
      for (Framer.Output o : framer.accept(stream, off, Math.min(64, stream.length - off))) {
        if (o instanceof Framer.Frame f) {
          String text = new String(f.raw().toArray(), StandardCharsets.US_ASCII);
          BarcodeDecoder.Result r = decoder.decode(text);
          if (r.ok() && table.resolve(r.barcode()).ok()) {
            counted++;
          }
        }
      }
    }
    return counted;
  }

  /** Returns the number of count records a fresh session made. */
  static long session(byte[] stream, BenchScans scans) {
    Framer framer = Framer.crLf();
    StationSession session = scans.session("DOCK-1", "A");
    long counted = 0;
    for (int off = 0; off < stream.length; off += 64) {
      for (Framer.Output o : framer.accept(stream, off, Math.min(64, stream.length - off))) {
        StationEvent e = o instanceof Framer.Frame f ? session.onFrame(f.raw())
            : session.onBadFrame(o.raw(), ((Framer.BadFrame) o).reason());
        if (e instanceof StationEvent.Counted) {
          counted++;
        }
      }
    }
    return counted;
  }

  private interface Pass {
    long run();
  }

  private static double measure(String what, Pass pass, int framesPerPass, double seconds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long passes = 0;
    long t0 = System.nanoTime();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long end = t0 + (long) (seconds * 1e9);
    long now;
    do {
      sink += pass.run();
      passes++;
      now = System.nanoTime();
    } while (now < end);
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double rate = passes * framesPerPass / cpuSeconds;
    System.out.printf("  %-26s %10.0f frames per CPU second (%10.0f per wall second; %d passes,"
        + " %d counts)%n", what, rate, passes * framesPerPass / ((now - t0) / 1e9), passes,
        sink);
    return rate;
  }

  static byte[] join(List<String> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String f : frames) {
      byte[] b = f.getBytes(StandardCharsets.ISO_8859_1);
      out.write(b, 0, b.length);
      out.write('\r');
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  private static double min(List<Double> xs) {
    return xs.stream().mapToDouble(d -> d).min().orElse(0);
  }

  private static double max(List<Double> xs) {
    return xs.stream().mapToDouble(d -> d).max().orElse(0);
  }
}
