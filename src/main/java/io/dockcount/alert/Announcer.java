package io.dockcount.alert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says alerts on the PA/radio, one at a time: keys PTT, waits the lead time (the speech is
 * rendered meanwhile), plays the message {@code repeat} times, waits the tail time, releases.
 * Without speech it pulses the chime relay (or PTT itself when there is no chime) in the
 * configured pattern.
 *
 * <p>Announcements are queued (bounded; a full queue drops the new one with a WARN), at least
 * {@code min-gap} apart, and the same location and round is announced once. PTT is released on
 * every path out of an announcement, and by a watchdog on its own thread after {@code max-key}
 * whatever the announcing thread is doing, so a hung player cannot leave the radio keyed; an
 * announcement cut by the watchdog does not key again.
 *
 * <p>What is said comes from {@code radio.text}, which may only name the zone, aisle, bay,
 * level, location and SKU: never money or descriptions on an open channel.
 */
public final class Announcer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Announcer.class);

  private final AlertSettings.Radio settings;
  private final Relays relays;
  private final Speech speech;
  private final BlockingQueue<Alert> queue;
  private final Map<String, Boolean> said = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 10_000;
    }
  };
  /**
   * Per location and round, how many announcements are queued or being said (guarded by
   * {@code said}): a re-send then is the same request again, as when two consoles press at once.
   */
  private final Map<String, Integer> pending = new java.util.HashMap<>();
  private final ScheduledExecutorService watchdog;
  private final Thread worker;
  private volatile boolean closed;
  private long lastReleased;

  /** @param speech null to pulse the relays instead of speaking */
  public Announcer(AlertSettings.Radio settings, Relays relays, Speech speech) {
    this.settings = settings;
    this.relays = relays;
    this.speech = speech;
    this.queue = new ArrayBlockingQueue<>(settings.queue());
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dockcount-radio-watchdog");
      t.setDaemon(true);
      return t;
    });
    relays.releaseAll();
    this.worker = new Thread(this::work, "dockcount-radio");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * Queues an announcement. Returns false when it is a repeat of an announced location and
   * round, or the queue is full, or the announcer is closed. An alert a supervisor re-sent is
   * no repeat, they asked for it to be said again, unless the same location and round is still
   * queued or being said.
   */
  public boolean announce(Alert a) {
    synchronized (said) {
      boolean asked = AlertPolicy.resent(a.line()) && !pending.containsKey(a.dedupKey());
      if (closed || said.containsKey(a.dedupKey()) && !asked) {
        return false;
      }
      if (!queue.offer(a)) {
        log.warn("radio: queue full ({}), announcement for {} dropped", settings.queue(),
            a.location());
        return false;
      }
      said.put(a.dedupKey(), Boolean.TRUE);
      pending.merge(a.dedupKey(), 1, Integer::sum);
      return true;
    }
  }

  /** The words said for an alert. */
  public String text(Alert a) {
    return settings.text().replace("{zone}", a.zone()).replace("{aisle}", a.aisle())
        .replace("{bay}", a.bay()).replace("{level}", a.level())
        .replace("{location}", spell(a.location())).replace("{sku}", spell(a.sku()));
  }

  /** Stops announcing and releases the relays; waits for the current announcement briefly. */
  @Override
  public void close() {
    closed = true;
    // The radio thread does no database I/O: interrupting it only cuts a wait or a process.
    worker.interrupt();
    try {
      worker.join(settings.maxKey().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    relays.releaseAll();
    watchdog.shutdownNow();
  }

  private void work() {
    while (!closed) {
      Alert a;
      try {
        a = queue.take();
        waitGap();
      } catch (InterruptedException e) {
        break;
      }
      try {
        say(a);
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException | IOException e) {
        log.error("radio: announcement for {} failed; relays released", a.location(), e);
      } finally {
        relays.releaseAll();
        lastReleased = System.nanoTime();
      }
    }
    relays.releaseAll();
  }

  private void waitGap() throws InterruptedException {
    long since = System.nanoTime() - lastReleased;
    long gap = settings.minGap().toNanos();
    if (lastReleased != 0 && since < gap) {
      TimeUnit.NANOSECONDS.sleep(gap - since);
    }
  }

  private void say(Alert a) throws IOException, InterruptedException {
    AtomicBoolean cut = new AtomicBoolean();
    ScheduledFuture<?> guard = watchdog.schedule(() -> {
      cut.set(true);
      relays.releasePtt();
      log.error("radio: PTT held for max-key {}: released by the watchdog", settings.maxKey());
    }, settings.maxKey().toMillis(), TimeUnit.MILLISECONDS);
    long keyed = System.nanoTime();
    Path wav = null;
    try {
      if (speech == null && !relays.hasChime()) {
        pulse(cut, true);
        return;
      }
      relays.keyPtt();
      log.info("radio: PTT keyed for {}", a.location());
      if (speech != null) {
        wav = Files.createTempFile("dockcount-radio-", ".wav");
        speech.render(text(a), wav);
      }
      sleepUntil(keyed + settings.lead().toNanos(), cut);
      for (int i = 0; i < settings.repeat() && !cut.get(); i++) {
        if (speech != null) {
          speech.play(wav);
        } else {
          pulse(cut, false);
        }
      }
      sleepUntil(System.nanoTime() + settings.tail().toNanos(), cut);
    } finally {
      guard.cancel(false);
      // Before the release: a re-send heard after it is a new request, to be said again.
      synchronized (said) {
        pending.computeIfPresent(a.dedupKey(), (k, n) -> n == 1 ? null : n - 1);
      }
      relays.releasePtt();
      if (wav != null) {
        Files.deleteIfExists(wav);
      }
    }
  }

  /** Pulses the chime (or PTT when {@code onPtt}) in the configured on, off, on... pattern. */
  private void pulse(AtomicBoolean cut, boolean onPtt) throws InterruptedException {
    boolean on = true;
    for (Duration d : settings.pulse()) {
      if (cut.get()) {
        return;
      }
      if (onPtt) {
        if (on) {
          relays.keyPtt();
        } else {
          relays.releasePtt();
        }
      } else {
        relays.chime(on);
      }
      sleepUntil(System.nanoTime() + d.toNanos(), cut);
      on = !on;
    }
    if (!onPtt) {
      relays.chime(false);
    } // the PTT is released by the caller, once the announcement is done
  }

  private static void sleepUntil(long deadline, AtomicBoolean cut) throws InterruptedException {
    long left;
    while (!cut.get() && (left = deadline - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
    }
  }

  /**
   * Codes are read out one character at a time, with a pause between parts, so a radio
   * listener hears "zero nine one three" rather than "nine hundred thirteen": "A-01" is
   * "A, 0 1".
   */
  static String spell(String code) {
    StringBuilder b = new StringBuilder();
    for (String part : code.split("[-_ /.]+")) {
      if (part.isEmpty()) {
        continue;
      }
      if (b.length() > 0) {
        b.append(", ");
      }
      for (int i = 0; i < part.length(); i++) {
        if (i > 0) {
          b.append(' ');
        }
        b.append(part.charAt(i));
      }
    }
    return b.toString();
  }
}
