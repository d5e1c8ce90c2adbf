package io.dockcount.station;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.pattern.StatusReply;
import io.dockcount.core.station.Feedback;
import io.dockcount.core.station.StationEvent;
import io.dockcount.scan.StationActor;
import io.dockcount.store.GroupCommitter;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
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

  private record Settled(long step, StationOutcome outcome, Runnable then, boolean pipelined)
      implements Command {}

  private enum IndicatorOff implements Command { INSTANCE }

  private static final int MAX_IN_FLIGHT = 32;

  private enum SilenceCheck implements Command { INSTANCE }

  /**
   * What a link works with.
   *
   * @param router where location commands go
   * @param claims which stations have which location open
   * @param journal where rejected scans are written
   * @param alerts receives health alerts; must not block
   * @param outcomes receives every scan's outcome (console, tests, demo); must not block
   * @param baseSequence the highest station number the store holds for this station
   */
  public record Deps(ActorRef<ZoneRouter.Command> router,
      ActorRef<LocationClaims.Command> claims, GroupCommitter journal, Indicator indicator,
      Consumer<String> alerts, Consumer<StationOutcome> outcomes,
      Duration askTimeout, Duration pulse, Duration silence, long baseSequence) {
    public Deps {
      Objects.requireNonNull(router, "router");
      Objects.requireNonNull(claims, "claims");
      Objects.requireNonNull(journal, "journal");
      Objects.requireNonNull(indicator, "indicator");
      Objects.requireNonNull(alerts, "alerts");
      Objects.requireNonNull(outcomes, "outcomes");
    }
  }

  private final String station;
  private final String zone;
  private final Deps deps;
  private final TimerScheduler<Command> timers;
  private final StashBuffer<Command> stash;
  private final ActorRef<StationActor.Command> scanner;
  private final Map<Long, Long> journalSeqs = new HashMap<>();
  private long base;
  private long lastZoneSequence;
  /** An ordered step (void, close, label) is waiting for its answer. */
  private boolean busy;
  /** Counts and rejections waiting for their answer; they may overlap. */
  private int inFlight;
  private boolean starting;
  private long steps;
  /** Steps in the order they started; an answered one waits here for those before it. */
  private final java.util.TreeMap<Long, StationOutcome> unanswered = new java.util.TreeMap<>();
  private boolean replaying;
  private final StationHealth health;
  private String counter = "";
  private String location = "";
  private ActorRef<Done> drainedReplyTo;

  /**
   * A link and its station.
   *
   * @param station the station's behavior, built with the output address it is given
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
    this.health = new StationHealth(station, zone, deps.silence(), System.nanoTime());
    ActorRef<StationActor.Output> out =
        ctx.messageAdapter(StationActor.Output.class, WrappedOutput::new);
    this.scanner = ctx.spawn(stationBehavior.apply(out), "scanner");
    ctx.watch(scanner);
    Duration every = deps.silence().dividedBy(4);
    timers.startTimerWithFixedDelay(SilenceCheck.INSTANCE,
        every.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : every);
    deps.indicator().off();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WrappedOutput.class, this::onWrappedOutput)
        .onMessage(Settled.class, this::onSettled)
        .onMessageEquals(IndicatorOff.INSTANCE, this::onIndicatorOff)
        .onMessageEquals(SilenceCheck.INSTANCE, this::onSilenceCheck)
        .onMessage(Drain.class, this::onDrain)
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
      health.offline(off.reason(), System.nanoTime()).ifPresent(this::alert);
    } else if (out instanceof StationActor.ScannerOnline on) {
      health.online(on.device(), System.nanoTime()).ifPresent(this::alert);
    }
    return this;
  }

  private void handle(StationEvent e) {
    if (e instanceof StationEvent.Counted c) {
      onCounted(c);
    } else if (e instanceof StationEvent.Rejected r) {
      settleAfter(deps.journal().append(Rejections.of(r.scan())), (seq, failure) ->
          outcome(e, Feedback.BAD, "REJECTED", -1, r.scan().reason()));
    } else if (e instanceof StationEvent.Voided v) {
      onVoided(v);
    } else if (e instanceof StationEvent.LocationClosed lc) {
      close(e, lc.location(), () -> location = "");
    } else if (e instanceof StationEvent.LocationOpened lo) {
      deps.claims().tell(new LocationClaims.Claim(station, lo.location()));
      Runnable opened = () -> location = lo.location();
      if (lo.previous().isEmpty()) {
        settle(outcome(e, Feedback.GOOD, "LABEL", -1, "location " + lo.location()), opened);
      } else {
        // A new location label closes the one this station had open.
        close(e, lo.previous(), opened);
      }
    } else if (e instanceof StationEvent.CounterChanged cc) {
      settle(outcome(e, Feedback.GOOD, "LABEL", -1, "counter " + cc.counter()),
          () -> counter = cc.counter());
    } else if (e instanceof StationEvent.LoggedOut) {
      deps.claims().tell(new LocationClaims.DropAll(station));
      settle(outcome(e, Feedback.GOOD, "LABEL", -1, "logged out"), () -> {
        counter = "";
        location = "";
      });
    } else {
      settle(outcome(e, Feedback.GOOD, "LABEL", -1, e.getClass().getSimpleName()), null);
    }
  }

  private void onCounted(StationEvent.Counted c) {
    var r = c.record();
    ZoneCounts.Converted converted = ZoneCounts.toZone(r, zoneSequence(r.sequence()));
    if (!converted.ok()) {
      settleAfter(deps.journal().append(Rejections.of(station, r.counter(), r.location(),
              r.sku(), r.raw(), converted.refusal())),
          (seq, failure) -> outcome(c, Feedback.BAD, "REJECTED", -1, converted.refusal()));
      return;
    }
    CompletionStage<StatusReply<Zone.CountRecorded>> reply = ask(replyTo ->
        new ZoneRouter.Route(new Zone.RecordCount(converted.record(), replyTo)));
    settleAfter(reply, (ack, failure) -> {
      if (failure != null) {
        // LIMITATION: the count may still be stored after the timeout; a rescan of a plain unit
        // then counts twice (serialized units and pallets are refused as already counted).
        return outcome(c, Feedback.BAD, "COUNT", -1, "not acknowledged within "
            + deps.askTimeout().toMillis() + " ms: scan again");
      }
      if (ack.isError()) {
        return outcome(c, Feedback.BAD, "COUNT", -1, ack.getError().getMessage());
      }
      return outcome(c, Feedback.GOOD, "COUNT", ack.getValue().seq(),
          r.quantity() + " " + r.unit() + " of " + r.sku() + " at " + r.location());
    });
  }

  private void onVoided(StationEvent.Voided v) {
    Long seq = journalSeqs.get(v.voided().sequence());
    if (seq == null) {
      // LIMITATION: the session voided a count the zone had refused, so nothing is taken back
      // and the counter's earlier stored count stays; the session does not know of refusals.
      settle(outcome(v, Feedback.GOOD, "VOID", -1, "voided scan " + v.voided().sequence()
          + " was not stored"), null);
      return;
    }
    CompletionStage<StatusReply<Zone.CountVoided>> reply = ask(replyTo ->
        new ZoneRouter.Route(new Zone.VoidCount(v.voided().location(), seq, station, counter,
            "VOID scanned at " + station, replyTo)));
    settleAfter(reply, (ack, failure) -> {
      String why = failure != null ? "void not acknowledged in time: ask a supervisor"
          : ack.isError() ? ack.getError().getMessage() : null;
      return why != null ? outcome(v, Feedback.BAD, "VOID", -1, why)
          : outcome(v, Feedback.GOOD, "VOID", ack.getValue().seq(), "voided record " + seq);
    });
  }

  /**
   * Closes the location at this station; the zone closes it (and reconciles a high-value
   * variance at once) only when no other station still has it open.
   */
  private void close(StationEvent e, String closing, Runnable then) {
    // The chain runs on future threads: it reads only values captured here, never actor state.
    String who = counter;
    var scheduler = getContext().getSystem().scheduler();
    CompletionStage<LocationClaims.Released> released = AskPattern.ask(deps.claims(),
        replyTo -> new LocationClaims.Release(station, closing, replyTo), deps.askTimeout(),
        scheduler);
    CompletionStage<StationOutcome> outcome = released.thenCompose(r -> {
      if (!r.last()) {
        return CompletableFuture.completedFuture(outcome(e, Feedback.GOOD, "CLOSE", -1,
            "done here; " + closing + " still open at " + String.join(", ", r.stillOpenAt())));
      }
      return AskPattern.<ZoneRouter.Command, StatusReply<Zone.LocationChanged>>ask(
              deps.router(), replyTo -> new ZoneRouter.Route(
                  new Zone.CloseLocation(closing, who, replyTo)), deps.askTimeout(), scheduler)
          .handle((ack, failure) -> closed(e, closing, who, ack, failure));
    });
    settleAfter(outcome, (o, failure) -> o != null ? o
        : outcome(e, Feedback.BAD, "CLOSE", -1, "close not acknowledged in time"), then);
  }

  /** Called off the actor thread: uses its arguments and final fields only. */
  private StationOutcome closed(StationEvent e, String closing, String who,
      StatusReply<Zone.LocationChanged> ack, Throwable failure) {
    String why = failure != null ? "close not acknowledged in time"
        : ack.isError() ? ack.getError().getMessage() : null;
    if (why == null) {
      return outcome(e, Feedback.GOOD, "CLOSE", -1, "closed " + closing);
    }
    deps.journal().append(Rejections.of(station, who, closing, "", e.raw(),
        "close refused: " + why));
    return outcome(e, Feedback.BAD, "CLOSE", -1, why);
  }

  private long zoneSequence(long sessionSequence) {
    if (base + sessionSequence <= lastZoneSequence) {
      base = lastZoneSequence; // the session started again: keep numbers increasing
    }
    lastZoneSequence = base + sessionSequence;
    return lastZoneSequence;
  }

  // ---- settling ---------------------------------------------------------------------------

  private <T> CompletionStage<T> ask(Function<ActorRef<T>, ZoneRouter.Command> message) {
    return AskPattern.ask(deps.router(), message::apply, deps.askTimeout(),
        getContext().getSystem().scheduler());
  }

  private interface Outcome<T> {
    StationOutcome of(T value, Throwable failure);
  }

  private <T> void settleAfter(CompletionStage<T> stage, Outcome<T> outcome) {
    settleAfter(stage, outcome, null);
  }

  private <T> void settleAfter(CompletionStage<T> stage, Outcome<T> outcome, Runnable then) {
    boolean pipelined = waitFor();
    long step = steps;
    getContext().pipeToSelf(stage,
        (v, failure) -> new Settled(step, outcome.of(v, failure), then, pipelined));
  }

  private void settle(StationOutcome outcome, Runnable then) {
    boolean pipelined = waitFor();
    getContext().getSelf().tell(new Settled(steps, outcome, then, pipelined));
  }

  /** Counts the step being started as in flight; returns whether it is a pipelined one. */
  private boolean waitFor() {
    unanswered.put(++steps, null);
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

  /** Uses final fields only, so future callbacks may call it. */
  private StationOutcome outcome(StationEvent e, Feedback f, String kind, long journalSeq,
      String detail) {
    return new StationOutcome(station, e.sequence(), f, kind, journalSeq, detail);
  }

  private Behavior<Command> onSettled(Settled m) {
    StationOutcome o = m.outcome();
    if (o.kind().equals("COUNT") && o.journalSeq() >= 0) {
      journalSeqs.put(o.sequence(), o.journalSeq());
    }
    if (m.then() != null) {
      m.then().run(); // the station's session has moved on, whatever the zone said
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
    health.check(counter, location, System.nanoTime()).ifPresent(this::alert);
    return this;
  }

  private void alert(String line) {
    getContext().getLog().warn("{}", line); // the line starts with the station id
    deps.alerts().accept(line);
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
    deps.alerts().accept(station + " station stopped: scans are no longer read");
    return this;
  }

  private Behavior<Command> onPostStop() {
    deps.claims().tell(new LocationClaims.DropAll(station));
    deps.indicator().close();
    return this;
  }
}
