package io.dockcount.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.pattern.StatusReply;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dockcount.app.Service;
import io.dockcount.app.ServiceSettings;
import io.dockcount.core.CountRecord;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.core.barcode.Framer;
import io.dockcount.core.station.StationEvent;
import io.dockcount.scan.DeviceSelector;
import io.dockcount.scan.JSerialCommSource;
import io.dockcount.scan.ScannerSettings;
import io.dockcount.scan.StationActor;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * End to end from 16 pseudo-terminals at once: writer threads play scanners into socat pty
 * pairs; the product reads the other ends through jSerialComm, {@code ScannerSource} and one
 * {@link StationActor} per station (as in production), into count records.
 *
 * <p>Mode {@code records}: counts the count records the stations emit. Mode {@code acks}: a
 * bridge sends each count record to a real {@link Service} (H2 file store in a temp dir, group
 * commit with fsync) through its zone router and waits for the durable acknowledgement, as the
 * station wiring will. Latency is from the moment a scan was due to be written (open loop, so a
 * stall is not hidden) to the record or the ack, for the scans due after the first 2 s (the
 * JIT's warm-up). Every scan counts for the rate, and every station's product scans must all
 * arrive, once each: the bench prints what was lost or doubled.
 *
 * <p>Run: {@code java -cp ... io.dockcount.bench.StationsBench MODE STATIONS SCANS RATE DIR}
 * (RATE = total scans/s, 0 = as fast as the ptys take them).
 */
public final class StationsBench {
  private static final long WARM_UP_NANOS = 2_000_000_000L;

  private StationsBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "records";
    int stations = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int perStation = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
    Path base = Path.of(args.length > 4 ? args[4] : "target/bench");
    Path dir = Files.createTempDirectory(Files.createDirectories(base), "stations-");
    new Run(mode.equals("acks"), stations, perStation, rate, dir).go();
  }

  private static final class Run {
    final boolean acks;
    final int stations;
    final double rate;
    final Path dir;
    final BenchScans scans = new BenchScans();
    final List<BenchScans.Script> scripts = new ArrayList<>();
    final long[][] dueNanos;
    final AtomicLongArray received;
    final AtomicLong doubled = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final long[] latencies;
    final AtomicLong latencyCount = new AtomicLong();
    final AtomicLong lastNanos = new AtomicLong();
    final CountDownLatch allIn;
    /** Scans due before this are the JVM's warm-up (JIT): counted, not in the latencies. */
    volatile long warmUpEnd = Long.MAX_VALUE;
    final boolean[][] seen;
    long expected;

    Run(boolean acks, int stations, int perStation, double rate, Path dir) {
      this.acks = acks;
      this.stations = stations;
      this.rate = rate;
      this.dir = dir;
      dueNanos = new long[stations][];
      seen = new boolean[stations][];
      for (int s = 0; s < stations; s++) {
        BenchScans.Script script = scans.script(s + 1, zone(s), perStation, 1000 + s);
        scripts.add(script);
        dueNanos[s] = new long[script.frames().size()];
        seen[s] = new boolean[script.frames().size() + 1];
        expected += script.productCount();
      }
      received = new AtomicLongArray(stations);
      latencies = new long[(int) expected];
      allIn = new CountDownLatch((int) expected);
    }

    static String zone(int station) {
      return String.valueOf((char) ('A' + station % 4));
    }

    void go() throws Exception {
      List<Process> socats = new ArrayList<>();
      Service service = null;
      ActorSystem<StationActor.Output> system = null;
      try {
        for (int s = 0; s < stations; s++) {
          socats.add(socat(s));
        }
        ActorRef<ZoneRouter.Command> router = null;
        if (acks) {
          service = startService();
          router = service.router();
        }
        system = ActorSystem.create(collector(router), "bench-stations", ConfigFactory.parseMap(
            Map.of("akka.loglevel", "WARNING")).withFallback(ConfigFactory.load()));
        List<CountDownLatch> opened = new ArrayList<>();
        for (int s = 0; s < stations; s++) {
          opened.add(new CountDownLatch(1));
        }
        startStations(system, opened);
        for (CountDownLatch l : opened) {
          if (!l.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a station did not open its port in 20 s");
          }
        }
        long cpu0 = cpuNanos();
        long t0 = write();
        report(t0, cpuNanos() - cpu0);
      } finally {
        if (system != null) {
          system.terminate();
          system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (service != null) {
          service.stop();
        }
        for (Process p : socats) {
          p.destroy();
          p.waitFor(5, TimeUnit.SECONDS);
        }
      }
    }

    private Process socat(int s) throws IOException {
      Process p = new ProcessBuilder("socat", "-d", "-d",
          "pty,raw,echo=0,link=" + dir.resolve("scanner" + s),
          "pty,raw,echo=0,link=" + dir.resolve("host" + s)).redirectErrorStream(true).start();
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null && !line.contains("starting data transfer loop")) {
        // socat announces each pty before it is ready
      }
      Thread drain = new Thread(() -> {
        try {
          while (r.readLine() != null) {
            // keep socat's stderr from filling up
          }
        } catch (IOException e) {
          // socat ended
        }
      });
      drain.setDaemon(true);
      drain.start();
      return p;
    }

    private Service startService() {
      Config config = ConfigFactory.parseMap(Map.of(
          "dockcount.store.path", dir.resolve("db/dockcount").toString(),
          "dockcount.backup.dir", dir.resolve("backup").toString(),
          "akka.loglevel", "WARNING")).withFallback(ConfigFactory.load()).resolve();
      ServiceSettings settings = ServiceSettings.from(config, LocationScheme.dashed(),
          RecountPolicy.standard());
      List<String> locations = new ArrayList<>();
      for (int s = 0; s < stations; s++) {
        for (String f : scripts.get(s).frames()) {
          if (f.startsWith("LOC:") && !locations.contains(f.substring(4))) {
            locations.add(f.substring(4));
          }
        }
      }
      return Service.start(settings, config, scans.master(locations), "stations bench",
          "bench-" + stations, line -> { });
    }

    private Behavior<StationActor.Output> collector(ActorRef<ZoneRouter.Command> router) {
      return Behaviors.setup(ctx -> Behaviors.receiveMessage(out -> {
        if (out instanceof StationActor.ScanHandled h
            && h.event() instanceof StationEvent.Counted c) {
          int s = Integer.parseInt(h.station().substring(5)) - 1;
          io.dockcount.core.station.CountRecord r = c.record();
          if (router == null) {
            arrived(s, r.sequence());
          } else {
            CountRecord core = new CountRecord(r.station(), r.counter(), r.location(), r.sku(),
                r.unit(), BigDecimal.valueOf(r.quantity()), r.eaches().orElse(r.quantity()),
                r.lot() == null ? "" : r.lot(), r.raw().escaped(), r.sequence());
            AskPattern.<ZoneRouter.Command, StatusReply<Zone.CountRecorded>>ask(router,
                ref -> new ZoneRouter.Route(new Zone.RecordCount(core, ref)),
                Duration.ofSeconds(30), ctx.getSystem().scheduler())
                .whenCompleteAsync((reply, failure) -> {
                  if (failure != null || reply.isError()) {
                    refused.incrementAndGet();
                  } else {
                    arrived(s, r.sequence());
                  }
                }, ctx.getExecutionContext());
          }
        } else if (out instanceof StationActor.ScanHandled h
            && h.event() instanceof StationEvent.Rejected rej) {
          System.out.println("REJECTED at " + h.station() + ": " + rej.scan());
        }
        return Behaviors.same();
      }));
    }

    private void arrived(int s, long sequence) {
      long now = System.nanoTime();
      synchronized (seen[s]) {
        if (seen[s][(int) sequence]) {
          doubled.incrementAndGet();
          return;
        }
        seen[s][(int) sequence] = true;
      }
      received.incrementAndGet(s);
      long due = dueNanos[s][(int) sequence - 1];
      if (due >= warmUpEnd) {
        latencies[(int) latencyCount.getAndIncrement()] = now - due;
      }
      lastNanos.accumulateAndGet(now, Math::max);
      allIn.countDown();
    }

    private void startStations(ActorSystem<StationActor.Output> system,
        List<CountDownLatch> opened) {
      for (int s = 0; s < stations; s++) {
        String station = String.format("DOCK-%d", s + 1);
        ScannerSettings settings = new ScannerSettings(station, zone(s),
            new DeviceSelector.ByPath(dir.resolve("host" + s).toString()), 115_200, 8,
            ScannerSettings.Parity.NONE, 1, EnumSet.of(Framer.Terminator.CR,
                Framer.Terminator.LF), 512, Duration.ofSeconds(2), Duration.ofMillis(100),
            Duration.ofMillis(500), Duration.ofSeconds(5));
        CountDownLatch open = opened.get(s);
        ActorRef<StationActor.Output> out = system.systemActorOf(Behaviors.receiveMessage(o -> {
          if (o instanceof StationActor.ScannerOnline) {
            open.countDown();
          } else {
            system.tell(o);
          }
          return Behaviors.same();
        }), "out-" + s, akka.actor.typed.Props.empty());
        system.systemActorOf(StationActor.withScanner(settings, new JSerialCommSource(settings),
            scans.session(station, zone(s)), out), "station-" + s,
            akka.actor.typed.Props.empty());
      }
    }

    /** Writes every station's frames; returns the time the first was due. */
    private long write() throws Exception {
      long t0 = System.nanoTime() + 50_000_000L;
      warmUpEnd = t0 + WARM_UP_NANOS;
      double perStationGap = rate <= 0 ? 0 : stations / rate * 1e9;
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int s = 0; s < stations; s++) {
        int station = s;
        writers.add(CompletableFuture.runAsync(() -> writeStation(station, t0, perStationGap),
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
              Thread t = new Thread(r, "scanner-writer-" + station);
              t.setDaemon(true);
              return t;
            })));
      }
      CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(10,
          TimeUnit.MINUTES);
      if (!allIn.await(120, TimeUnit.SECONDS)) {
        System.out.println("TIMED OUT waiting for the last records");
      }
      return t0;
    }

    private void writeStation(int s, long t0, double gapNanos) {
      List<String> frames = scripts.get(s).frames();
      List<Boolean> products = scripts.get(s).products();
      try (OutputStream out = new FileOutputStream(dir.resolve("scanner" + s).toFile())) {
        long productIndex = 0;
        for (int i = 0; i < frames.size(); i++) {
          long due = gapNanos == 0 ? System.nanoTime() : t0 + (long) (productIndex * gapNanos);
          if (gapNanos > 0) {
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
              LockSupport.parkNanos(wait);
            }
          }
          dueNanos[s][i] = due;
          out.write((frames.get(i) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          if (products.get(i)) {
            productIndex++;
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("writing station " + s, e);
      }
    }

    /** CPU time of this JVM and of its children that have ended (socat is still running). */
    private static long cpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
          .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void report(long t0, long cpuNanos) {
      long got = 0;
      for (int s = 0; s < stations; s++) {
        got += received.get(s);
      }
      int n = (int) latencyCount.get();
      long[] l = Arrays.copyOf(latencies, n);
      Arrays.sort(l);
      double seconds = (lastNanos.get() - t0) / 1e9;
      System.out.printf("%s: %d stations, rate %s: %d of %d product scans %s in %.2f s = %.0f "
          + "scans/s; lost %d, doubled %d, refused %d; latency after the first 2 s: p50 %.1f ms, "
          + "p99 %.1f ms, max %.1f ms%n", acks ? "acks" : "records", stations, rate <= 0 ? "max" : rate + "/s",
          got, expected, acks ? "acknowledged" : "counted", seconds, got / seconds,
          expected - got, doubled.get(), refused.get(), pct(l, 0.50), pct(l, 0.99),
          n == 0 ? 0 : l[n - 1] / 1e6);
      System.out.printf("  JVM CPU %.1f s = %.0f us per scan (socat's own copying not included)"
          + "%n", cpuNanos / 1e9, cpuNanos / 1e3 / Math.max(1, got));
    }

    private static double pct(long[] sorted, double p) {
      return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1,
          sorted.length * p)] / 1e6;
    }
  }
}
