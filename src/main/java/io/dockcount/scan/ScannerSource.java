package io.dockcount.scan;

import akka.NotUsed;
import akka.stream.OverflowStrategy;
import akka.stream.QueueOfferResult;
import akka.stream.RestartSettings;
import akka.stream.javadsl.RestartSource;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.SourceQueueWithComplete;
import akka.util.ByteString;
import io.dockcount.core.barcode.Framer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station's scanner as an Akka Streams source of {@link ScannerEvent}s that reconnects on its
 * own.
 *
 * <p>A dedicated daemon reader thread owns the port: it opens it (resolving the device afresh
 * each time), reads with the poll interval as timeout, frames the bytes and offers events to a
 * bounded queue, waiting for room: a slow consumer stops the reads, and bytes wait in the OS
 * buffer instead of piling up in memory. When the device is lost the thread records a partial
 * scan as incomplete, emits {@link ScannerEvent.Disconnected}, closes the port and reopens it
 * with exponential backoff (min to max) until it is back, then emits
 * {@link ScannerEvent.Connected}. Bytes are read once, by one open port, so nothing is
 * delivered twice across a reconnect; bytes a scanner sent while unplugged are gone with it.
 * The thread is never interrupted: cancelling the stream releases it within one poll interval.
 * Should the reader fail unexpectedly, {@link RestartSource#withBackoff} starts a new one.
 *
 * <p>Logging: INFO when a port opens, WARN once when a station goes offline (not at every
 * retry; retries are DEBUG), INFO when it is back, WARN for each incomplete scan with its
 * bytes, DEBUG per frame, ERROR if the reader fails.
 */
public final class ScannerSource {
  private static final Logger LOG = LoggerFactory.getLogger(ScannerSource.class);

  /**
   * Set when the JVM begins to exit: jSerialComm's own shutdown hook may close the ports before
   * the service stops its stations, and a port closed for the stop is no scanner going offline.
   */
  private static final java.util.concurrent.atomic.AtomicBoolean EXITING =
      new java.util.concurrent.atomic.AtomicBoolean();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> EXITING.set(true),
        "dockcount-scanner-exit"));
  }
  private static final int QUEUE_SIZE = 16;

  private ScannerSource() {}

  /** Returns the events of the station's scanner, reconnecting with backoff forever. */
  public static Source<ScannerEvent, NotUsed> create(ScannerSettings settings,
      SerialPortSource ports) {
    Link link = new Link(settings.station(), ports.describe());
    RestartSettings restart = RestartSettings.create(settings.minBackoff(),
        settings.maxBackoff(), /* randomFactor= */ 0.2);
    return RestartSource.withBackoff(restart, () -> connection(settings, ports, link));
  }

  /** Returns only the complete frames of the station's scanner. */
  public static Source<ByteString, NotUsed> frames(ScannerSettings settings,
      SerialPortSource ports) {
    return create(settings, ports)
        .filter(e -> e instanceof ScannerEvent.FrameReceived)
        .map(e -> ((ScannerEvent.FrameReceived) e).bytes());
  }

  private static Source<ScannerEvent, NotUsed> connection(ScannerSettings settings,
      SerialPortSource ports, Link link) {
    return Source.<ScannerEvent>queue(QUEUE_SIZE, OverflowStrategy.backpressure())
        .mapMaterializedValue(queue -> {
          Reader reader = new Reader(settings, ports, link, queue);
          queue.watchCompletion().whenComplete((done, failure) -> reader.stop());
          Thread t = new Thread(reader, "scanner-" + settings.station() + "-"
              + link.readers.incrementAndGet());
          t.setDaemon(true);
          t.start();
          return NotUsed.notUsed();
        });
  }

  /** Online/offline state of one station across its connections, so WARN is logged once. */
  private static final class Link {
    final String station;
    final String describe;
    final AtomicInteger readers = new AtomicInteger();
    private volatile Boolean online;

    Link(String station, String describe) {
      this.station = station;
      this.describe = describe;
    }

    /** Returns true when this is news (the station was online or its state unknown). */
    synchronized boolean markOffline(String reason) {
      boolean news = online == null || online;
      online = false;
      if (EXITING.get()) {
        LOG.info("{}: scanner closed for the stop ({})", station, reason);
        return false;
      }
      if (news) {
        LOG.warn("{}: scanner offline ({}): {}", station, describe, reason);
      } else {
        LOG.debug("{}: scanner still offline: {}", station, reason);
      }
      return news;
    }

    synchronized void markOnline(String device) {
      if (online != null && !online) {
        LOG.info("{}: scanner back online at {} ({})", station, device, describe);
      } else {
        LOG.info("{}: scanner opened at {} ({})", station, device, describe);
      }
      online = true;
    }
  }

  private static final class Reader implements Runnable {
    private final ScannerSettings settings;
    private final SerialPortSource ports;
    private final Link link;
    private final SourceQueueWithComplete<ScannerEvent> queue;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private Framer framer;

    Reader(ScannerSettings settings, SerialPortSource ports, Link link,
        SourceQueueWithComplete<ScannerEvent> queue) {
      this.settings = settings;
      this.ports = ports;
      this.link = link;
      this.queue = queue;
    }

    void stop() {
      stopSignal.countDown();
    }

    private boolean stopped() {
      return stopSignal.getCount() == 0;
    }

    @Override
    public void run() {
      try {
        Duration delay = settings.minBackoff();
        while (!stopped()) {
          SerialPortSource.ScannerPort port;
          try {
            port = ports.open();
          } catch (IOException e) {
            if (link.markOffline(e.getMessage())) {
              offer(new ScannerEvent.Disconnected(settings.station(), e.getMessage()));
            }
            pause(delay);
            delay = min(delay.multipliedBy(2), settings.maxBackoff());
            continue;
          }
          delay = settings.minBackoff();
          try (port) {
            connected(port);
          }
          pause(delay);
        }
        queue.complete();
      } catch (RuntimeException e) {
        LOG.error("{}: scanner reader failed; it will be restarted", settings.station(), e);
        if (framer != null && framer.hasPending()) {
          offer(incomplete("scanner reader failed"));
        }
        queue.fail(e);
      }
    }

    /** Reads one open port until it is lost or the stream stops. */
    private void connected(SerialPortSource.ScannerPort port) {
      link.markOnline(port.device());
      framer = new Framer(settings.terminators(), settings.maxFrameLength());
      if (!offer(new ScannerEvent.Connected(settings.station(), port.device()))) {
        return;
      }
      if (!refuseWaiting(port.waitingAtOpen())) {
        return;
      }
      String lostReason = readLoop(port);
      if (lostReason == null || stopped()) {
        return;
      }
      if (framer.hasPending() && !offer(incomplete("scanner disconnected mid-scan"))) {
        return;
      }
      if (link.markOffline(lostReason)) {
        offer(new ScannerEvent.Disconnected(settings.station(), lostReason));
      }
    }

    /**
     * Refuses, frame by frame, what the scanner sent while nothing was reading it: no counter
     * saw a light for those scans and will have scanned again, so counting them would count
     * twice. Each is kept as a rejected scan with its bytes. Returns false when the stream is
     * gone.
     */
    private boolean refuseWaiting(byte[] waiting) {
      if (waiting.length == 0) {
        return true;
      }
      String why = "sent while dockcount was not reading this scanner (before it was opened): "
          + "not counted, scan it again";
      LOG.warn("{}: {} bytes were waiting at open: refused as scans {}", settings.station(),
          waiting.length, "nobody saw a light for");
      Framer stale = new Framer(settings.terminators(), settings.maxFrameLength());
      java.util.List<Framer.Output> frames = new java.util.ArrayList<>(
          stale.accept(waiting, 0, waiting.length));
      if (stale.hasPending()) {
        frames.add(stale.flushIncomplete(why));
      }
      for (Framer.Output o : frames) {
        if (!offer(new ScannerEvent.SentBeforeOpen(ByteString.fromArray(o.raw().toArray()),
            why))) {
          return false;
        }
      }
      return true;
    }

    /** Returns why the port was lost, or null when the stream stopped. */
    private String readLoop(SerialPortSource.ScannerPort port) {
      byte[] buf = new byte[Math.max(64, settings.maxFrameLength())];
      long idleNanos = settings.idleTimeout().toNanos();
      long lastByte = System.nanoTime();
      while (!stopped()) {
        int n;
        try {
          n = port.read(buf);
        } catch (IOException e) {
          return e.getMessage();
        }
        if (n > 0) {
          lastByte = System.nanoTime();
          for (Framer.Output o : framer.accept(buf, 0, n)) {
            if (!offer(toEvent(o))) {
              return null;
            }
          }
        } else {
          if (framer.hasPending() && System.nanoTime() - lastByte >= idleNanos
              && !offer(incomplete("no terminator within " + settings.idleTimeout().toMillis()
                  + " ms"))) {
            return null;
          }
          if (!port.stillPresent()) {
            return "device " + port.device() + " is gone";
          }
        }
      }
      return null;
    }

    private ScannerEvent incomplete(String why) {
      Framer.BadFrame bad = framer.flushIncomplete(why);
      LOG.warn("{}: {}; bytes received: {}", settings.station(), bad.reason(), bad.raw());
      return toEvent(bad);
    }

    private ScannerEvent toEvent(Framer.Output o) {
      ByteString bytes = ByteString.fromArray(o.raw().toArray());
      if (o instanceof Framer.BadFrame bad) {
        return new ScannerEvent.FrameRejected(bytes, bad.reason());
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug("{}: frame {}", settings.station(), o.raw());
      }
      return new ScannerEvent.FrameReceived(bytes);
    }

    /** Waits before the next open; returns at once when the stream stops. */
    private void pause(Duration d) {
      try {
        stopSignal.await(d.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
      }
    }

    /** Offers and waits for room; returns false when the stream is gone. */
    private boolean offer(ScannerEvent e) {
      if (stopped()) {
        return false;
      }
      try {
        QueueOfferResult r = queue.offer(e).toCompletableFuture().get();
        return r == QueueOfferResult.enqueued();
      } catch (ExecutionException ex) {
        stop();
        return false;
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        stop();
        return false;
      }
    }

    private static Duration min(Duration a, Duration b) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }
}
