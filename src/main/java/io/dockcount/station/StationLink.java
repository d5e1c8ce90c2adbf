package io.dockcount.station;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import io.dockcount.core.station.Feedback;
import io.dockcount.core.station.StationEvent;
import io.dockcount.core.station.StationSession;
import io.dockcount.scan.StationActor;
import io.dockcount.store.GroupCommitter;
import io.dockcount.zone.ZoneRouter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Links one count station to the zones: takes each {@link StationActor.Output} of its station
 * (its child), sends counts, voids and location closes to the {@link ZoneRouter}, records
 * rejected scans in the store's journal, and shows good or bad on the station's
 * {@link Indicator} only once the answer is in: good for a count means the zone acknowledged it
 * as durable; a refusal, a failed write or no answer within the ask timeout is bad.
 *
 * <p>Outputs start in the scanner's order. Counts and rejected scans may overlap, so a burst
 * shares group commits; a void, close or label waits in a stash until every earlier scan is
 * answered, so a VOID always finds the journal number of the count it takes back and a close
 * never reaches the zone before the counts scanned before it.
 *
 * <p>Numbers: a zone takes the same station and number twice as one record. The session numbers
 * scans from 1 each time a station starts, so the link adds the highest number the store holds
 * for the station ({@code baseSequence}), and moves that base up should the session ever start
 * again under a running link.
 *
 * <p>Health: a scanner going offline is an alert at once; a station where a counter is logged in
 * (a count is under way there) that sends nothing for the silence time is an alert, once until
 * it sends again.
 *
 * <p>What is lost on a crash: the session (counter, location) and which scans were
 * acknowledged; every acknowledged count is in the journal.
 */
public final class StationLink extends AbstractBehavior<StationLink.Command> {

  /** Messages the link accepts. */
  public sealed interface Command {}

  /** Stops the scanner, finishes the scans already read, then replies and stops. */
  public record Drain(ActorRef<Done> replyTo) implements Command {}

  private record WrappedOutput(StationActor.Output output) implements Command {}

  private record Settled(long step, StationOutcome outcome,
      java.util.function.Consumer<StationOutcome> then, boolean pipelined)
      implements Command {}

  private enum IndicatorOff implements Command { INSTANCE }

  private enum SilenceCheck implements Command { INSTANCE }

  /** Asks the station's scanner for its state; replies {@link StationActor.Status}. */
  public record GetScannerStatus(ActorRef<StationActor.Status> replyTo) implements Command {}

  private static final int MAX_IN_FLIGHT = 32;

  /**
   * What a link works with.
   *
   * @param router where location commands go
   * @param claims which stations have which location open
   * @param journal where rejected scans are written
   * @param alerts receives health lines; must not block
   * @param trouble receives the health problems as structured alerts; must not block
   * @param outcomes receives every scan's outcome (console, tests, demo); must not block
   * @param baseSequence the highest station number the store holds for this station
   * @param offlineAtStart the scanner was reported offline before this start and not back since
   *     ({@link StationTrouble#offlineWhenStopped}, read at start, not on the actor's thread)
   */
  public record Deps(ActorRef<ZoneRouter.Command> router,
      ActorRef<LocationClaims.Command> claims, GroupCommitter journal, Indicator indicator,
      Consumer<String> alerts, StationTrouble trouble, Consumer<StationOutcome> outcomes,
      Duration askTimeout, Duration pulse, Duration silence, long baseSequence,
      boolean offlineAtStart) {
    public Deps {
      Objects.requireNonNull(router, "router");
      Objects.requireNonNull(claims, "claims");
      Objects.requireNonNull(journal, "journal");
      Objects.requireNonNull(indicator, "indicator");
      Objects.requireNonNull(alerts, "alerts");
      Objects.requireNonNull(trouble, "trouble");
      Objects.requireNonNull(outcomes, "outcomes");
    }
  }

  private final String station;
  private final String zone;
  private final Deps deps;
  private final TimerScheduler<Command> timers;
  private final StashBuffer<Command> stash;
  private final ActorRef<StationActor.Command> scanner;
  /**
   * What became of the station's latest counts, by session number: the journal number of each
   * stored one, {@link StationOutcome#NOT_STORED} for each refused one. As many as a counter
   * can void ({@link StationSession#VOIDABLE}), so a station running for weeks holds no more.
   */
  private final Map<Long, Long> journalSeqs = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
      return size() > StationSession.VOIDABLE;
    }
  };
  private long base;
  private long lastZoneSequence;
  /** An ordered step (void, close, label) is waiting for its answer. */
  private boolean busy;
  /** Counts and rejections waiting for their answer; they may overlap. */
  private int inFlight;
  private boolean starting;
  private long stepCount;
  /** Steps in the order they started; an answered one waits here for those before it. */
  private final TreeMap<Long, StationOutcome> unanswered = new TreeMap<>();
  private boolean replaying;
  private final StationHealth health;
  private final ZoneSteps steps;
  private String counter = "";
  private String location = "";
  /** The round {@link #location} was in when this station opened it; null when not known. */
  private Integer locationRound;
  /**
   * The location of a label refused since this station last opened or closed one, or "": the
   * session is at it (its scans name it), this station is not, so they are kept at
   * {@link #location} (rejected_scans.csv must not place them where nobody counts).
   */
  private String refusedLabel = "";
  private ActorRef<Done> drainedReplyTo;

  /**
   * A link and its station.
   *
   * @param stationBehavior the station's behavior, built with the output address it is given
   */
  public static Behavior<Command> create(String station, String zone,
      Function<ActorRef<StationActor.Output>, Behavior<StationActor.Command>> stationBehavior,
      Deps deps) {
    // LIMITATION: the station actor does not wait for the link, so scans read while the zone
    // stalls queue here; past 10,000 the link fails (hours of scanning at one station).
    return Behaviors.withStash(10_000, stash -> Behaviors.withTimers(timers -> Behaviors.setup(
        ctx -> new StationLink(ctx, timers, stash, station, zone, stationBehavior, deps))));
  }

  private StationLink(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      StashBuffer<Command> stash, String station, String zone,
      Function<ActorRef<StationActor.Output>, Behavior<StationActor.Command>> stationBehavior,
      Deps deps) {
    super(ctx);
    this.station = station;
    this.zone = zone;
    this.deps = deps;
    this.timers = timers;
    this.stash = stash;
    this.base = deps.baseSequence();
    this.lastZoneSequence = deps.baseSequence();
    this.health = new StationHealth(station, zone, deps.silence(), System.nanoTime(),
        deps.offlineAtStart());
    this.steps = new ZoneSteps(station, deps, ctx.getSystem().scheduler());
    ActorRef<StationActor.Output> out =
        ctx.messageAdapter(StationActor.Output.class, WrappedOutput::new);
    this.scanner = ctx.spawn(stationBehavior.apply(out), "scanner");
    ctx.watch(scanner);
    timers.startTimerWithFixedDelay(SilenceCheck.INSTANCE, silenceCheckEvery(deps.silence()));
    deps.indicator().off();
  }

  /**
   * How often a station is checked for silence: a tenth of the silence time, between 100 ms and
   * 30 s, so the alert comes at most 30 s late (every quarter of a 10-minute silence, it came up
   * to 2.5 minutes late).
   */
  static Duration silenceCheckEvery(Duration silence) {
    Duration every = silence.dividedBy(10);
    return every.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
        : every.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : every;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WrappedOutput.class, this::onWrappedOutput)
        .onMessage(Settled.class, this::onSettled)
        .onMessageEquals(IndicatorOff.INSTANCE, this::onIndicatorOff)
        .onMessageEquals(SilenceCheck.INSTANCE, this::onSilenceCheck)
        .onMessage(Drain.class, this::onDrain)
        .onMessage(GetScannerStatus.class, m -> {
          scanner.tell(new StationActor.GetStatus(m.replyTo()));
          return this;
        })
        .onSignal(Terminated.class, this::onScannerTerminated)
        .onSignal(PostStop.class, s -> onPostStop())
        .build();
  }

  // ---- outputs ----------------------------------------------------------------------------

  private Behavior<Command> onWrappedOutput(WrappedOutput m) {
    if ((!replaying && !stash.isEmpty()) || !canStart(m)) {
      stash.stash(m); // keeps the scanner's order: nothing overtakes a waiting output
      return this;
    }
    StationActor.Output out = m.output();
    if (out instanceof StationActor.ScanHandled h) {
      health.heard(System.nanoTime());
      starting = pipelined(h.event());
      handle(h.event());
    } else if (out instanceof StationActor.ScannerOffline off) {
      if (drainedReplyTo != null || stopping()) {
        // Stopping: the scanner is closed on purpose (by us, or by jSerialComm's own shutdown
        // hook, which may run first), which is no disconnection to report.
        getContext().getLog().info("{}: scanner closed for the stop", station);
        return this;
      }
      health.offline(off.reason(), System.nanoTime()).ifPresent(this::trouble);
    } else if (out instanceof StationActor.ScannerOnline on) {
      health.online(on.device(), System.nanoTime()).ifPresent(line -> {
        // Printed like the offline line, but logged at INFO: an anomaly ended, none to act on.
        getContext().getLog().info("{}", line);
        deps.alerts().accept(line);
        deps.trouble().cleared(zone, station, line);
      });
    }
    return this;
  }

  private void handle(StationEvent e) {
    if (e instanceof StationEvent.Counted c && afterRefusedLabel(c.record().location())) {
      // Not sent to a zone: the station is not at the refused location, nor counts into it.
      settleAfterOutcome(steps.refusedAfterLabel(c, refusedLabel, location),
          e, o -> scanner.tell(new StationActor.CountAnswered(c.record().sequence(),
              StationSession.Answer.REFUSED)));
    } else if (e instanceof StationEvent.Counted c) {
      settleAfterOutcome(steps.count(c, zoneSequence(c.record().sequence()),
          roundOf(c.record().location())), e, o -> {
            if (o.journalSeq() == StationOutcome.NOT_STORED) {
              journalSeqs.put(o.sequence(), o.journalSeq()); // a VOID of it says so
            }
            // The session remembers a pallet only once its zone stored it: one refused, or
            // not confirmed in time, is left to the zone's once-per-round rule if scanned
            // again, never refused at the station for a count that is not there. A refused
            // count is no longer the one a VOID takes back.
            scanner.tell(new StationActor.CountAnswered(c.record().sequence(),
                o.feedback() == Feedback.GOOD && o.journalSeq() >= 0
                    ? StationSession.Answer.STORED
                    : o.journalSeq() == StationOutcome.NOT_STORED
                        ? StationSession.Answer.REFUSED : StationSession.Answer.UNKNOWN));
          });
    } else if (e instanceof StationEvent.Rejected r) {
      settleAfter(afterRefusedLabel(r.scan().location()) ? steps.rejected(r, location)
          : steps.rejected(r), e, null);
    } else if (e instanceof StationEvent.Voided v) {
      Long stored = journalSeqs.get(v.voided().sequence());
      settleAfter(steps.voided(v, stored == null || stored < 0 ? null : stored,
          stored != null && stored == StationOutcome.NOT_STORED, counter), e, null);
    } else if (e instanceof StationEvent.LocationClosed lc
        && afterRefusedLabel(lc.location())) {
      settleAfter(steps.closeAfterRefusedLabel(lc, refusedLabel, location, counter), e,
          () -> refusedLabel = "");
    } else if (e instanceof StationEvent.LocationClosed lc) {
      settleAfter(steps.close(e, lc.location(), counter, roundOf(lc.location())), e, () -> {
        location = "";
        locationRound = null;
      });
    } else if (e instanceof StationEvent.LocationOpened lo) {
      opened(lo);
    } else if (e instanceof StationEvent.CounterChanged cc) {
      settle(label(e, "counter " + cc.counter()), () -> counter = cc.counter());
    } else if (e instanceof StationEvent.LoggedOut) {
      settleAfter(steps.logout(e, location), e, () -> {
        counter = "";
        location = "";
        refusedLabel = "";
      });
    } else if (e instanceof StationEvent.QuantityPending q) {
      // The counter keys digits one label at a time: the light's line says what stands now.
      settle(label(e, q.text()), null);
    } else {
      settle(label(e, e.getClass().getSimpleName()), null);
    }
  }

  /**
   * Answers a location label for itself: one its zone cannot count is red with the reason, and
   * this station stays at the location it had open; a good one closes that location (the light
   * then says how the close went) and opens the new one, in the round it is counted in now.
   */
  private void opened(StationEvent.LocationOpened lo) {
    String previous = location;
    Integer previousRound = locationRound;
    String next = lo.location();
    Integer[] round = {null}; // written by the stage, read once it has settled here
    CompletionStage<StationOutcome> stage = steps.checkLabel(lo, next, counter, previous)
        .thenCompose(label -> {
          round[0] = label.round();
          if (label.outcome().feedback() == Feedback.BAD || previous.isEmpty()
              || previous.equals(next)) {
            return CompletableFuture.completedFuture(label.outcome());
          }
          // The light answers both: how the close went, and that the new location is open.
          // "now at X", with what the label's own answer says of X (a recount, counts there).
          String now = label.outcome().detail().replaceFirst("^location ", "now at ");
          return steps.close(lo, previous, counter, previousRound)
              .thenApply(closed -> closed.feedback() == Feedback.GOOD
                  ? new StationOutcome(closed.station(), closed.sequence(), closed.feedback(),
                      closed.kind(), closed.journalSeq(), closed.detail() + "; " + now)
                  : closed);
        });
    settleAfterOutcome(stage, lo, o -> {
      if (o.kind().equals("LABEL") && o.feedback() == Feedback.BAD) {
        // The session has moved to the refused label (it decides before the zone answers), so
        // product scans go there and are red until a good label. That is kept on purpose:
        // sending them back to the location open before would count items meant for another
        // place into it. They are kept at the location this station is at (refusedLabel).
        refusedLabel = next;
        return;
      }
      refusedLabel = "";
      deps.claims().tell(new LocationClaims.Claim(station, next));
      location = next;
      locationRound = round[0];
    });
  }

  /** Whether a scan the session placed at {@code sessionLocation} came after a refused label. */
  private boolean afterRefusedLabel(String sessionLocation) {
    return !refusedLabel.isEmpty() && refusedLabel.equals(sessionLocation)
        && !refusedLabel.equals(location);
  }

  /** Returns the round this station opened {@code loc} in, or null when not known. */
  private Integer roundOf(String loc) {
    return loc.equals(location) ? locationRound : null;
  }

  private StationOutcome label(StationEvent e, String detail) {
    return steps.outcome(e, Feedback.GOOD, "LABEL", -1, detail);
  }

  private long zoneSequence(long sessionSequence) {
    if (base + sessionSequence <= lastZoneSequence) {
      base = lastZoneSequence; // the session started again: keep numbers increasing
    }
    lastZoneSequence = base + sessionSequence;
    return lastZoneSequence;
  }

  // ---- settling ---------------------------------------------------------------------------

  private void settleAfter(CompletionStage<StationOutcome> stage, StationEvent e,
      Runnable then) {
    settleAfterOutcome(stage, e, then == null ? null : o -> then.run());
  }

  private void settleAfterOutcome(CompletionStage<StationOutcome> stage, StationEvent e,
      java.util.function.Consumer<StationOutcome> then) {
    boolean pipelined = waitFor();
    long step = stepCount;
    getContext().pipeToSelf(stage, (o, failure) -> new Settled(step, o != null ? o
        : steps.outcome(e, Feedback.BAD, "ERROR", -1, String.valueOf(failure)), then,
        pipelined));
  }

  private void settle(StationOutcome outcome, Runnable then) {
    boolean pipelined = waitFor();
    getContext().getSelf().tell(new Settled(stepCount, outcome,
        then == null ? null : o -> then.run(), pipelined));
  }

  /** Counts the step being started as in flight; returns whether it is a pipelined one. */
  private boolean waitFor() {
    unanswered.put(++stepCount, null);
    if (starting) {
      inFlight++;
    } else {
      busy = true;
    }
    return starting;
  }

  /**
   * Counts and rejections overlap (up to {@link #MAX_IN_FLIGHT}), so a station's burst shares
   * group commits; a void, close or label waits until every earlier scan is answered, so it
   * finds their journal numbers and a close never overtakes a count.
   */
  private boolean canStart(WrappedOutput m) {
    if (!(m.output() instanceof StationActor.ScanHandled h)) {
      return true;
    }
    return !busy && (pipelined(h.event()) ? inFlight < MAX_IN_FLIGHT : inFlight == 0);
  }

  private static boolean pipelined(StationEvent e) {
    return e instanceof StationEvent.Counted || e instanceof StationEvent.Rejected;
  }

  /** Starts the stashed outputs that may start now, in order. */
  private void replay() {
    replaying = true;
    try {
      while (!stash.isEmpty() && stash.head() instanceof WrappedOutput w && canStart(w)) {
        stash.unstash(this, 1, Function.identity());
      }
    } finally {
      replaying = false;
    }
  }

  private Behavior<Command> onSettled(Settled m) {
    StationOutcome o = m.outcome();
    if (o.kind().equals("COUNT") && o.journalSeq() >= 0) {
      journalSeqs.put(o.sequence(), o.journalSeq());
    }
    if (m.then() != null) {
      m.then().accept(o); // the station's session has moved on, whatever the zone said
    }
    unanswered.put(m.step(), o);
    while (!unanswered.isEmpty() && unanswered.firstEntry().getValue() != null) {
      show(unanswered.pollFirstEntry().getValue());
    }
    if (m.pipelined()) {
      inFlight--;
    } else {
      busy = false;
    }
    replay();
    return drainedReplyTo != null && idle() ? drained() : this;
  }

  /** Shows an outcome, in scan order, on the lights and to the observers. */
  private void show(StationOutcome o) {
    deps.indicator().show(o.feedback());
    timers.startSingleTimer(IndicatorOff.INSTANCE, deps.pulse());
    if (getContext().getLog().isDebugEnabled()) {
      getContext().getLog().debug("{}: {}", station, o.line());
    }
    deps.outcomes().accept(o);
  }

  private boolean idle() {
    return !busy && inFlight == 0 && stash.isEmpty();
  }

  private Behavior<Command> onIndicatorOff() {
    deps.indicator().off();
    return this;
  }

  // ---- health -----------------------------------------------------------------------------

  private Behavior<Command> onSilenceCheck() {
    if (drainedReplyTo == null) {
      health.check(counter, location, System.nanoTime()).ifPresent(this::trouble);
    }
    return this;
  }

  private boolean stopping() {
    return akka.actor.CoordinatedShutdown.get(getContext().getSystem()).getShutdownReason()
        .isPresent() || jvmShuttingDown();
  }

  /**
   * Returns true once the JVM has begun to shut down (SIGTERM). Its shutdown hooks run at the same
   * time: jSerialComm's may close the ports before ours has started the coordinated shutdown,
   * and the closed port must not be reported as a disconnection (a false page to supervisors
   * on every restart). The runtime refuses new hooks once shutdown has begun.
   */
  static boolean jvmShuttingDown() {
    Thread probe = new Thread(() -> { });
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  private void alert(String line) {
    getContext().getLog().warn("{}", line); // the line starts with the station id
    deps.alerts().accept(line);
  }

  /** A health problem: printed like any health line, and raised as an alert. */
  private void trouble(String line) {
    alert(line);
    deps.trouble().raise(zone, station, line);
  }

  // ---- stopping ---------------------------------------------------------------------------

  private Behavior<Command> onDrain(Drain m) {
    drainedReplyTo = m.replyTo();
    getContext().unwatch(scanner);
    getContext().stop(scanner);
    return idle() ? drained() : this;
  }

  private Behavior<Command> drained() {
    drainedReplyTo.tell(Done.getInstance());
    return Behaviors.stopped();
  }

  private Behavior<Command> onScannerTerminated(Terminated t) {
    getContext().getLog().error("{}: station actor stopped; its scans are no longer read",
        station);
    String line = station + " station stopped: scans are no longer read";
    deps.alerts().accept(line);
    deps.trouble().raise(zone, station, line);
    return this;
  }

  private Behavior<Command> onPostStop() {
    deps.claims().tell(new LocationClaims.DropAll(station, false));
    deps.indicator().close();
    return this;
  }
}
