package io.dockcount.scan;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.stream.KillSwitches;
import akka.stream.Materializer;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import io.dockcount.core.barcode.RawBytes;
import io.dockcount.core.station.StationEvent;
import io.dockcount.core.station.StationSession;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * One count station: owns its {@link StationSession} and turns the events of its scanner into
 * {@link Output}s for the zone and the supervisor.
 *
 * <p>Every frame gives one {@link ScanHandled} carrying the session's {@link StationEvent}
 * (accepted count, rejection with reason and bytes, or a label such as a badge); its
 * {@link StationEvent#feedback()} is what the station's beeper or light should show. A lost
 * scanner gives {@link ScannerOffline} (the supervisor alert), its return
 * {@link ScannerOnline}. The session, and so the counter, location and counted pallets,
 * survives a scanner reconnect; it does not survive the actor: a restarted actor starts a new
 * session.
 *
 * <p>Built with {@link #withScanner} the actor runs its scanner's stream itself, one event at a
 * time (each is acknowledged before the next is read, so the stream is backpressured by the
 * actor), and stops the stream when it stops.
 */
public final class StationActor extends AbstractBehavior<StationActor.Command> {
  /** Messages a station accepts. */
  public sealed interface Command {}

  /** One event of the station's scanner; replies {@link Done} once handled. */
  public record HandleScannerEvent(ScannerEvent event, ActorRef<Done> replyTo)
      implements Command {}

  /**
   * What the zone answered for a count of this station ({@code sequence} is the session's scan
   * number); {@code stored} only when it acknowledged the count as durable. The session
   * remembers a pallet only once it is stored ({@link StationSession#onCountAnswered}). No
   * reply.
   */
  public record CountAnswered(long sequence, StationSession.Answer answer) implements Command {}

  /** Asks for the station's state; replies {@link Status}. */
  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  private record ScannerStreamEnded(Throwable failure) implements Command {}

  /**
   * The station's state for a supervisor's view; {@code lastFrame} is when its scanner last
   * sent a frame, good or refused (null: none since the start).
   */
  public record Status(String station, String zone, boolean online, String device,
      String counter, String location, java.time.Instant lastFrame) {}

  /** What a station reports; all immutable. */
  public sealed interface Output {
    String station();
  }

  /** The result of one frame. */
  public record ScanHandled(String station, String zone, StationEvent event) implements Output {}

  /** The scanner is lost or absent; {@link #alert()} is the supervisor's alert text. */
  public record ScannerOffline(String station, String zone, String reason) implements Output {
    public String alert() {
      return station + " scanner offline";
    }
  }

  /** The scanner is (back) online; clears the offline alert. */
  public record ScannerOnline(String station, String zone, String device) implements Output {}

  private final StationSession session;
  private final String zone;
  private final ActorRef<Output> output;
  private UniqueKillSwitch scanner;
  private boolean online;
  private String device = "";
  private java.time.Instant lastFrame;

  private StationActor(ActorContext<Command> context, StationSession session, String zone,
      ActorRef<Output> output) {
    super(context);
    this.session = session;
    this.zone = zone;
    this.output = output;
  }

  /** A station fed by {@link HandleScannerEvent} messages from elsewhere. */
  public static Behavior<Command> create(StationSession session, String zone,
      ActorRef<Output> output) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(output, "output");
    return Behaviors.setup(ctx -> new StationActor(ctx, session, zone, output));
  }

  /** A station that reads its own scanner through {@link ScannerSource}. */
  public static Behavior<Command> withScanner(ScannerSettings settings, SerialPortSource ports,
      StationSession session, ActorRef<Output> output) {
    if (!settings.station().equals(session.station())) {
      throw new IllegalArgumentException("settings are for " + settings.station()
          + ", session for " + session.station());
    }
    return Behaviors.setup(ctx -> {
      StationActor actor = new StationActor(ctx, session, settings.zone(), output);
      actor.startScanner(settings, ports);
      return actor;
    });
  }

  private void startScanner(ScannerSettings settings, SerialPortSource ports) {
    ActorRef<Command> self = getContext().getSelf();
    var system = getContext().getSystem();
    Duration ackTimeout = system.settings().config().getDuration("dockcount.station.ack-timeout");
    var result = ScannerSource.create(settings, ports)
        .viaMat(KillSwitches.single(), Keep.right())
        .mapAsync(1, e -> deliver(self, e, ackTimeout))
        .toMat(Sink.ignore(), Keep.both())
        .run(Materializer.matFromSystem(system));
    scanner = result.first();
    getContext().pipeToSelf(result.second(), (done, failure) -> new ScannerStreamEnded(failure));
    getContext().getLog().info("{}: station started in zone {}, scanner {}", session.station(),
        zone, ports.describe());
  }

  private CompletionStage<Done> deliver(ActorRef<Command> self, ScannerEvent e,
      Duration ackTimeout) {
    var system = getContext().getSystem();
    return AskPattern.<Command, Done>ask(self, replyTo -> new HandleScannerEvent(e, replyTo),
        ackTimeout, system.scheduler())
        // A slow answer is no loss: the event is in the mailbox and will be handled. On the
        // actor's dispatcher: Akka's stage runs plain callbacks on the common pool, which on a
        // 2-core machine means a new thread for every scan.
        .handleAsync((done, failure) -> Done.getInstance(), system.executionContext());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(HandleScannerEvent.class, this::onHandleScannerEvent)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(CountAnswered.class, m -> {
          session.onCountAnswered(m.sequence(), m.answer());
          return this;
        })
        .onMessage(ScannerStreamEnded.class, this::onScannerStreamEnded)
        .onSignal(PostStop.class, s -> onPostStop())
        .build();
  }

  private Behavior<Command> onHandleScannerEvent(HandleScannerEvent msg) {
    ScannerEvent e = msg.event();
    if (e instanceof ScannerEvent.Connected c) {
      online = true;
      device = c.device();
      output.tell(new ScannerOnline(session.station(), zone, c.device()));
    } else if (e instanceof ScannerEvent.Disconnected d) {
      online = false;
      output.tell(new ScannerOffline(session.station(), zone, d.reason()));
    } else if (e instanceof ScannerEvent.FrameReceived f) {
      lastFrame = java.time.Instant.now();
      handled(session.onFrame(RawBytes.copyOf(f.bytes().toArray())));
    } else if (e instanceof ScannerEvent.FrameRejected r) {
      lastFrame = java.time.Instant.now();
      handled(session.onBadFrame(RawBytes.copyOf(r.bytes().toArray()), r.reason()));
    } else if (e instanceof ScannerEvent.SentBeforeOpen w) {
      // Kept as refused, but not the station's last scan: nobody scanned it now, and a
      // station read as busy right after a restart or a plug-in keeps `status --idle-for` busy.
      handled(session.onBadFrame(RawBytes.copyOf(w.bytes().toArray()), w.reason()));
    }
    msg.replyTo().tell(Done.getInstance());
    return this;
  }

  private void handled(StationEvent event) {
    if (getContext().getLog().isDebugEnabled()) {
      getContext().getLog().debug("{}: scan {} {} {}", session.station(), event.sequence(),
          event.feedback(), event);
    }
    output.tell(new ScanHandled(session.station(), zone, event));
  }

  private Behavior<Command> onGetStatus(GetStatus msg) {
    msg.replyTo().tell(new Status(session.station(), zone, online, device, session.counter(),
        session.location(), lastFrame));
    return this;
  }

  private Behavior<Command> onScannerStreamEnded(ScannerStreamEnded msg) {
    if (msg.failure() != null) {
      getContext().getLog().error("{}: scanner stream failed; scans are not read",
          session.station(), msg.failure());
      online = false;
      output.tell(new ScannerOffline(session.station(), zone, "scanner stream failed: "
          + msg.failure().getMessage()));
    }
    return this;
  }

  private Behavior<Command> onPostStop() {
    if (scanner != null) {
      scanner.shutdown();
    }
    getContext().getLog().info("{}: station stopped", session.station());
    return this;
  }
}
