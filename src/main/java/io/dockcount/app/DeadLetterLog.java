package io.dockcount.app;

import akka.actor.CoordinatedShutdown;
import akka.actor.DeadLetter;
import akka.actor.typed.Behavior;
import akka.actor.typed.eventstream.EventStream;
import akka.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs messages that reached no actor, at WARN while the service runs (one then means a zone
 * or station stopped that should not have), and not at all once it is stopping: the zones stop
 * with a run save or a journal write still on its way to them, which is expected then, and
 * Akka's own INFO lines about it read as a fault at every stop ({@code akka.log-dead-letters}
 * is off). Names the message's class and the addressee only: messages carry phone numbers.
 */
final class DeadLetterLog {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterLog.class);

  private DeadLetterLog() {}

  static Behavior<DeadLetter> create() {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class,
          ctx.getSelf()));
      CoordinatedShutdown shutdown = CoordinatedShutdown.get(ctx.getSystem());
      return Behaviors.receive(DeadLetter.class).onMessage(DeadLetter.class, d -> {
        if (shutdown.getShutdownReason().isEmpty()) {
          log.warn("a {} to {} was not delivered: its addressee had stopped",
              akka.actor.WrappedMessage.unwrap(d.message()).getClass().getName(),
              d.recipient().path());
        }
        return Behaviors.same();
      }).build();
    });
  }
}
