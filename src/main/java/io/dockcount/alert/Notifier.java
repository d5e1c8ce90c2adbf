package io.dockcount.alert;

import io.dockcount.store.AlertOutbox;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts: announces them on the radio at once, and sends SMS and Slack messages from
 * the H2 outbox.
 *
 * <p>The zones save each alert with its run; the notifier, on one thread of its own, plans
 * every unplanned alert into messages ({@link AlertPolicy}), builds the zones' digests after
 * each scheduled run, and sends what is due, each step a durable transaction. It runs when an
 * alert arrives and every {@code poll-interval}. A message is sent once: it is marked SENDING
 * before the provider is called and SENT (or retried, or FAILED) after. The one window left is
 * a crash between the provider's acceptance and that bookkeeping: at the next start such a
 * message is set UNCERTAIN and not resent (at most once; neither Twilio's Messages API nor
 * Slack webhooks take an idempotency key that would let us resend safely). A read timeout is
 * the other ambiguous case: the provider may have taken the message before it went silent.
 * It is retried, as the issue asks (a repeated alert beats a lost one), so a timeout can give
 * a duplicate; keep {@code sms.read-timeout} well above the provider's usual answer time.
 *
 * <p><b>Warning:</b> one notifier per database; {@link #close()} waits for the current pass,
 * which may be sending (bounded by the providers' timeouts), and never interrupts it, since it
 * may be in H2.
 */
public final class Notifier implements Consumer<Alert>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final int BATCH = 100;

  private final AlertSettings settings;
  private final AlertOutbox outbox;
  private final AlertPolicy policy;
  private final Map<String, Sender> senders;
  private final Announcer radio;
  private final Clock clock;
  private final ScheduledExecutorService loop;
  private final AtomicBoolean wakeQueued = new AtomicBoolean();

  /**
   * Starts the notifier: sets aside messages in flight at a crash, then runs its loop.
   *
   * @param senders by channel name ({@code sms}, {@code slack}); a channel without a sender
   *     keeps its messages pending
   * @param radio the announcer, or null without relays
   */
  public Notifier(AlertSettings settings, AlertOutbox outbox, Map<String, Sender> senders,
      Announcer radio, Clock clock) {
    this.settings = settings;
    this.outbox = outbox;
    this.policy = new AlertPolicy(settings);
    this.senders = Map.copyOf(senders);
    this.radio = radio;
    this.clock = clock;
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dockcount-notifier");
      t.setDaemon(true);
      return t;
    });
    List<Long> uncertain = outbox.markUncertain();
    if (!uncertain.isEmpty()) {
      log.warn("notifier: {} message(s) were in flight at the last stop and may have been sent;"
          + " set UNCERTAIN, not resent: ids {}", uncertain.size(), uncertain);
    }
    long every = settings.pollInterval().toMillis();
    loop.scheduleWithFixedDelay(this::pass, 0, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Senders as configured: printing ones in dry-run mode, else Twilio and Slack for the
   * channels that are used.
   */
  public static Map<String, Sender> senders(AlertSettings s, Map<String, String> env,
      PrintStream out) {
    Map<String, Sender> m = new LinkedHashMap<>();
    boolean sms = s.channels().values().stream().anyMatch(c -> c.contains(
        AlertSettings.Channel.SMS));
    boolean slack = s.channels().values().stream().anyMatch(c -> c.contains(
        AlertSettings.Channel.SLACK));
    if (s.dryRun()) {
      m.put("sms", d -> print(out, "sms to " + AlertSettings.mask(d.recipient()), d.body()));
      m.put("slack", d -> print(out, "slack", d.body()));
      return m;
    }
    // Every channel is tried, so that a missing secret of each is reported at once, one per
    // line, rather than one per attempt to start.
    List<String> problems = new ArrayList<>();
    if (sms && !s.supervisors().isEmpty()) {
      if (s.sms().accounts().isEmpty()) {
        problems.add("dockcount.alerts.sms.accounts: supervisors are configured but there is no "
            + "Twilio account to text them from");
      } else {
        try {
          m.put("sms", new TwilioSms(s.sms(), env));
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
    }
    if (slack) {
      try {
        m.put("slack", new SlackWebhook(s.slack(), env));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage() + usedBy(s, AlertSettings.Channel.SLACK));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return m;
  }

  /**
   * Names the alert kinds that send on a channel, as {@code channels} keys: most of them are
   * defaults the site file never wrote, so taking the channel out of the kinds it did write
   * does not stop the refusal, and the reader needs the rest.
   */
  private static String usedBy(AlertSettings s, AlertSettings.Channel channel) {
    List<String> kinds = new ArrayList<>();
    for (Alert.Kind kind : Alert.Kind.values()) {
      if (s.channels().getOrDefault(kind, java.util.Set.of()).contains(channel)) {
        kinds.add(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      }
    }
    String name = channel.name().toLowerCase(java.util.Locale.ROOT);
    return "; " + name + " is in dockcount.alerts.channels of " + String.join(", ", kinds)
        + " (without one, write each of them without " + name + ")";
  }

  private static Sender.Result print(PrintStream out, String to, String body) {
    out.println("DRY RUN " + to + ": " + body);
    return new Sender.Sent("dry-run");
  }

  /** An alert from a zone's saved run: radio now, messages from the outbox. Never blocks. */
  @Override
  public void accept(Alert a) {
    // A variance left to a supervisor (its recounts are done) is theirs to decide: the PA
    // would send the floor to count it once more.
    if (radio != null && settings.channels().get(a.kind()).contains(
        AlertSettings.Channel.RADIO) && !AlertPolicy.decides(a.line())) {
      radio.announce(a);
    }
    wake();
  }

  /** An alert not saved by a run (a station, the book): saved to the outbox, then delivered. */
  public void raise(Alert a) {
    try {
      loop.execute(() -> {
        try {
          outbox.add(a);
        } catch (RuntimeException e) {
          log.error("notifier: alert could not be saved: {}", a.line(), e);
          return;
        }
        accept(a);
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      log.error("notifier: stopped; alert not saved: {}", a.line());
    }
  }

  /** Asks for a pass soon (at most one waits). */
  public void wake() {
    if (wakeQueued.compareAndSet(false, true)) {
      try {
        loop.execute(() -> {
          wakeQueued.set(false);
          pass();
        });
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        wakeQueued.set(false);
      }
    }
  }

  @Override
  public void close() {
    loop.shutdown();
    try {
      // Never shutdownNow: the pass may be inside H2.
      if (!loop.awaitTermination(settings.sms().readTimeout().plusSeconds(30).toMillis(),
          TimeUnit.MILLISECONDS)) {
        log.error("notifier: still sending at shutdown; left to finish on its own");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (radio != null) {
      radio.close();
    }
  }

  private void pass() {
    try {
      planAlerts();
      sendDue(); // immediate messages first: digests can wait a few milliseconds
      if (buildDigests()) {
        sendDue();
      }
    } catch (RuntimeException e) {
      // The next pass tries again; everything is still in the outbox.
      log.error("notifier: pass failed; retrying at the next poll", e);
    }
  }

  private void planAlerts() {
    List<AlertOutbox.Unplanned> todo;
    // A batch in one transaction: a run that raises 2,000 recounts is 20 transactions, not
    // 10,000 (each alert looks up its dedup keys, rate limit and the zone's last run).
    while (!(todo = outbox.unplanned(BATCH)).isEmpty()) {
      outbox.planAll(todo, (u, lookups) -> heldBack(u.alert(), policy.plan(u, clock.instant(),
          lookups::variancesSince, lookups::planned,
          lookups.lastScheduledRun(u.alert().zone()))));
    }
  }

  /**
   * Says at WARN which of an alert's messages the SMS limit held back (a supervisor should know
   * that a variance was not texted on its own, and a site whose limit is hit often should
   * raise it); returns the messages as they are.
   */
  private static List<AlertOutbox.NewDelivery> heldBack(Alert a,
      List<AlertOutbox.NewDelivery> planned) {
    for (AlertOutbox.NewDelivery d : planned) {
      if (d.note() != null && d.note().startsWith(AlertOutbox.HELD_BACK)) {
        log.warn("notifier: zone {}: {} at {} sku {} to {} {}", a.zone(), a.kind(),
            a.location(), a.sku(), AlertSettings.mask(d.recipient()), d.note());
      }
    }
    return planned;
  }

  /** Saves the digests that are due; returns whether there were any. */
  private boolean buildDigests() {
    Map<List<String>, List<AlertOutbox.Folded>> groups = new LinkedHashMap<>();
    for (AlertOutbox.Folded f : outbox.folded()) {
      groups.computeIfAbsent(List.of(f.zone(), f.channel(), f.recipient()),
          k -> new ArrayList<>()).add(f);
    }
    Map<String, Long> lastRun = new LinkedHashMap<>();
    Instant now = clock.instant();
    // Due with the zone's next scheduled run, or after max-wait: a zone with nothing new
    // skips its cycles, and a decide left waiting for one would never be sent.
    Instant waitedEnough = now.minus(settings.digestMaxWait());
    boolean any = false;
    for (Map.Entry<List<String>, List<AlertOutbox.Folded>> g : groups.entrySet()) {
      String zone = g.getKey().get(0);
      String channel = g.getKey().get(1);
      // A notice for every zone ("*": the store, backups) has no zone's cycle to wait for: it
      // goes in the first digest allowed (after quiet hours).
      long last = zone.equals("*") ? Long.MAX_VALUE
          : lastRun.computeIfAbsent(zone, outbox::lastScheduledRun);
      // A recount settled since it was folded (matched, accepted, confirmed) is nobody's job,
      // and of two items for one SKU at one location (sent back, then recounted) only the
      // latest says where it stands.
      Map<String, Long> latest = new HashMap<>();
      for (AlertOutbox.Folded f : g.getValue()) {
        if (!f.location().isEmpty()) {
          latest.merge(f.location() + '\n' + f.sku(), f.id(), Math::max);
        }
      }
      java.util.function.Predicate<AlertOutbox.Folded> stale = f -> f.settled()
          || (!f.location().isEmpty() && latest.get(f.location() + '\n' + f.sku()) != f.id());
      outbox.settleFolded(g.getValue().stream().filter(stale).map(AlertOutbox.Folded::id)
          .toList(), now);
      List<AlertOutbox.Folded> ready = g.getValue().stream().filter(stale.negate()).toList();
      // When one item is due, the digest takes every item folded for it so far: items folded
      // a minute apart would otherwise each go out on their own max-wait, two digests for one
      // cycle, and the zone's next run would find nothing left to say. An item a later one
      // for its SKU and location replaced is due as it was: the later one goes in its place.
      boolean due = g.getValue().stream().filter(f -> !f.settled())
          .anyMatch(f -> f.dueAfterRun() <= last || !f.created().isAfter(waitedEnough));
      if (ready.isEmpty() || !due || !policy.digestAllowed(channel, now)) {
        continue;
      }
      AlertOutbox.NewDelivery d = policy.digest(zone, channel, g.getKey().get(2), last, ready,
          now);
      any |= outbox.digest(d, ready.stream().map(AlertOutbox.Folded::id).toList());
    }
    return any;
  }

  private void sendDue() {
    // LIMITATION: one message at a time on the notifier's thread: a provider that answers
    // slowly (up to the read timeout) delays the messages behind it.
    for (AlertOutbox.Delivery d : outbox.due(clock.instant(), BATCH)) {
      Sender sender = senders.get(d.channel());
      if (sender == null || !outbox.markSending(d.id())) {
        continue;
      }
      Sender.Result r;
      try {
        r = sender.send(d);
      } catch (RuntimeException e) {
        r = new Sender.Retry("unexpected: " + e);
        log.warn("notifier: {} sender failed unexpectedly", d.channel(), e);
      }
      record(d, r);
    }
  }

  private void record(AlertOutbox.Delivery d, Sender.Result r) {
    Instant now = clock.instant();
    String to = "sms".equals(d.channel()) ? AlertSettings.mask(d.recipient()) : d.recipient();
    int attempt = d.attempts() + 1;
    if (r instanceof Sender.Sent s) {
      outbox.markSent(d.id(), s.providerId(), now);
      log.info("notifier: {} {} to {} sent ({})", d.kind(), d.channel(), to, s.providerId());
    } else if (r instanceof Sender.Permanent p) {
      String why = AlertSettings.maskNumbers(p.reason());
      outbox.markFailed(d.id(), why, now);
      log.error("notifier: {} {} to {} refused, not retried: {}", d.kind(), d.channel(), to,
          why);
    } else if (r instanceof Sender.Retry t) {
      String why = AlertSettings.maskNumbers(t.reason());
      if (attempt >= settings.maxAttempts()) {
        outbox.markGivenUp(d.id(), attempt, why, now);
        log.error("notifier: {} {} to {} given up after {} attempts: {}", d.kind(),
            d.channel(), to, attempt, why);
      } else {
        Duration wait = backoff(attempt);
        outbox.markRetry(d.id(), now.plus(wait), why);
        log.warn("notifier: {} {} to {} failed (attempt {}), retry in {} s: {}", d.kind(),
            d.channel(), to, attempt, wait.toSeconds(), why);
      }
    }
  }

  /** Doubling from min-backoff, capped at max-backoff. */
  Duration backoff(int attempt) {
    Duration d = settings.minBackoff();
    for (int i = 1; i < attempt && d.compareTo(settings.maxBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
  }
}
