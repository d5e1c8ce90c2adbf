package io.dockcount.station;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import akka.pattern.StatusReply;
import io.dockcount.core.station.Feedback;
import io.dockcount.core.station.RejectedScan;
import io.dockcount.core.station.StationEvent;
import io.dockcount.core.station.StationSession;
import io.dockcount.store.JournalEntry;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What a {@link StationLink} does with each scan that involves the store or a zone, as a stage
 * that completes with the scan's {@link StationOutcome}. Stages complete on other threads, so
 * everything here works from its arguments and final fields, never from the link's state.
 */
final class ZoneSteps {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ZoneSteps.class);

  private final String station;
  private final StationLink.Deps deps;
  private final Scheduler scheduler;

  ZoneSteps(String station, StationLink.Deps deps, Scheduler scheduler) {
    this.station = station;
    this.deps = deps;
    this.scheduler = scheduler;
  }

  /** Sends an accepted scan to its zone; good once the zone says it is on disk. */
  CompletionStage<StationOutcome> count(StationEvent.Counted c, long zoneSequence,
      Integer openedRound) {
    var r = c.record();
    ZoneCounts.Converted converted = ZoneCounts.toZone(r, zoneSequence);
    if (!converted.ok()) {
      return deps.journal().append(Rejections.of(station, r.counter(), r.location(), r.sku(),
              r.raw(), converted.refusal()))
          .handle((seq, failure) -> outcome(c, Feedback.BAD, "REJECTED", -1,
              converted.refusal()));
    }
    Function<ActorRef<StatusReply<Zone.CountRecorded>>, ZoneRouter.Command> record = replyTo ->
        new ZoneRouter.Route(new Zone.RecordCount(converted.record(), replyTo, openedRound));
    // No answer in time: ask once more with the same record. The zone knows it by station and
    // number, so a record stored meanwhile is answered as stored, one still being written is
    // answered when it is, and nothing counts twice; a counter told to scan again would.
    return this.<StatusReply<Zone.CountRecorded>>ask(record)
        .handle((ack, failure) -> failure == null
            ? CompletableFuture.completedFuture(ack)
            : this.<StatusReply<Zone.CountRecorded>>ask(record))
        .thenCompose(Function.identity())
        .handle((ack, failure) -> {
          if (failure != null) {
            // LIMITATION: the count may still be stored after both waits; the light says to
            // check rather than rescan, since a rescan of a plain unit would count twice.
            return outcome(c, Feedback.BAD, "COUNT", StationOutcome.MAYBE_STORED,
                "not acknowledged within " + 2 * deps.askTimeout().toMillis() + " ms: it may "
                    + "yet be stored, so do not scan it again; ask a supervisor to check the "
                    + "count");
          }
          if (ack.isError()) {
            return outcome(c, Feedback.BAD, "COUNT", -1, ack.getError().getMessage());
          }
          // LIMITATION: a process killed between the commit and this light leaves a count
          // stored that its counter saw no light for; scanned again, it counts twice.
          return outcome(c, Feedback.GOOD, "COUNT", ack.getValue().seq(),
              r.quantity() + " " + r.unit() + " of " + r.sku() + " at " + r.location());
        });
  }

  /** Records a refused scan with its reason; always bad. */
  CompletionStage<StationOutcome> rejected(StationEvent.Rejected r) {
    RejectedScan s = r.scan();
    boolean held = s.kind() == RejectedScan.Kind.HELD && !s.sku().isEmpty()
        && !s.location().isEmpty();
    return (held ? hold(s) : deps.journal().append(Rejections.of(s)))
        .handle((seq, failure) -> outcome(r, Feedback.BAD, "REJECTED", -1, lightOf(s)));
  }

  /**
   * Records a scan refused after a refused location label at {@code at}, the location this
   * station is at ("" for none), not at the refused one the session put it at; never held for
   * a zone, since it was judged against the refused location, not {@code at}.
   */
  CompletionStage<StationOutcome> rejected(StationEvent.Rejected r, String at) {
    RejectedScan s = r.scan();
    return deps.journal().append(Rejections.of(new RejectedScan(s.station(), s.zone(),
            s.sequence(), s.counter(), at, s.kind(), s.reason(), s.detail(), s.raw(), s.sku())))
        .handle((seq, failure) -> outcome(r, Feedback.BAD, "REJECTED", -1, lightOf(s)));
  }

  /** What the light says of a refused scan. */
  private static String lightOf(RejectedScan s) {
    // An unreadable barcode's cause (a bad check digit, an empty AI) is what a counter or the
    // person setting up the scanner needs at the light, not only in rejected_scans.csv.
    // So is where a pallet counted already was counted.
    String reason = s.reason();
    String detail = s.detail();
    return detail.isEmpty() ? reason
        : reason.startsWith(StationSession.UNREADABLE) ? StationSession.UNREADABLE + ": " + detail
            + reason.substring(StationSession.UNREADABLE.length())
        : s.kind() == RejectedScan.Kind.DUPLICATE ? reason + ": " + detail : reason;
  }

  /**
   * Refuses a product scanned after the label of {@code refused} was refused: no zone counts
   * it there, and it is kept at {@code at}, where this station is ("" for none).
   */
  CompletionStage<StationOutcome> refusedAfterLabel(StationEvent.Counted c, String refused,
      String at) {
    var r = c.record();
    String why = "not counted: the label of location " + refused + " was refused; scan a "
        + "location label that can be counted";
    return deps.journal().append(Rejections.of(station, r.counter(), at, r.sku(), r.raw(), why))
        .handle((seq, failure) -> outcome(c, Feedback.BAD, "REJECTED", -1, why));
  }

  /**
   * Refuses a close after the label of {@code refused} was refused: that location was never
   * open here, and {@code at} ("" for none) stays open; kept at {@code at}.
   */
  CompletionStage<StationOutcome> closeAfterRefusedLabel(StationEvent.LocationClosed lc,
      String refused, String at, String counter) {
    String why = "nothing closed: the label of location " + refused + " was refused"
        + (at.isEmpty() ? "" : "; " + at + " stays open: scan its label, then CTL:CLOSE");
    return keepRefusal(counter, at, lc, "close refused: " + why)
        .handle((seq, failure) -> outcome(lc, Feedback.BAD, "CLOSE", -1, why));
  }

  /**
   * Gives a held scan to its location's zone, which keeps it and flags the SKU's line there
   * (the counted quantity leaves it out). With no answer in time it is kept here, so it is
   * never lost; a late answer may then leave it kept twice, which flags the same line.
   */
  private CompletionStage<Long> hold(RejectedScan s) {
    JournalEntry.Rejected row = Rejections.of(s);
    Function<ActorRef<StatusReply<Long>>, ZoneRouter.Command> hold = replyTo ->
        new ZoneRouter.Route(new Zone.HoldScan(row.station(), row.counter(), row.location(),
            row.sku(), row.raw(), row.reason(), replyTo));
    return this.<StatusReply<Long>>ask(hold)
        .handle((ack, failure) -> failure == null
            // Refused by the router or not written: the router kept it, or the store is failing.
            ? CompletableFuture.completedFuture(ack.isSuccess() ? ack.getValue() : -1L)
            : deps.journal().append(row))
        .thenCompose(Function.identity());
  }

  /**
   * Takes back a stored count in its zone.
   *
   * @param journalSeq the voided count's journal record, or null when it was not stored
   * @param refused whether that count was refused (so certainly not stored), when not stored
   */
  CompletionStage<StationOutcome> voided(StationEvent.Voided v, Long journalSeq,
      boolean refused, String counter) {
    if (journalSeq == null) {
      // The session took back a count that was never stored: nothing changes in the zone, and
      // a green light would let the counter think the count before it was taken back.
      long seq = v.voided().sequence();
      String why = refused
          ? "nothing taken back: scan " + seq + " was refused, not counted; CTL:VOID again takes "
              + "back the count before it"
          : "nothing taken back: scan " + seq + " was never confirmed stored; ask a supervisor "
              + "to check it";
      return keepRefusal(counter, v.voided().location(), v, "void: " + why)
          .handle((s, failure) -> outcome(v, Feedback.BAD, "VOID", -1, why));
    }
    return this.<StatusReply<Zone.CountVoided>>ask(replyTo -> new ZoneRouter.Route(
            new Zone.VoidCount(v.voided().location(), journalSeq, station, counter,
                "VOID scanned at " + station, replyTo)))
        .handle((ack, failure) -> {
          String why = failure != null ? "void not acknowledged in time: ask a supervisor"
              : ack.isError() ? ack.getError().getMessage() : null;
          if (why != null) {
            // A red light's reason belongs with the other refused scans (rejected_scans.csv).
            keepRefusal(counter, v.voided().location(), v, "void refused: " + why);
            return outcome(v, Feedback.BAD, "VOID", -1, why);
          }
          var r = v.voided();
          return outcome(v, Feedback.GOOD, "VOID", ack.getValue().seq(), "voided "
              + r.quantity() + " " + r.unit() + " of " + r.sku() + " at " + r.location()
              + " (record " + journalSeq + ")");
        });
  }

  /**
   * Answers a location label: good when its zone can count it, bad at once (and kept as a
   * rejected scan) when not, rather than at the first product scanned there. When the router
   * does not answer in time the label stands; the count is checked again when it is stored.
   *
   * @param at the location this station is at ("" for none): a refused label is kept there,
   *     since the station stays there (its reason names the refused one)
   */
  CompletionStage<Label> checkLabel(StationEvent e, String location, String counter,
      String at) {
    return this.<ZoneRouter.LocationChecked>ask(replyTo -> new ZoneRouter.CheckLocation(location,
            replyTo))
        .handle((checked, failure) -> {
          if (failure == null && checked.refusal() != null) {
            keepRefusal(counter, at, e, checked.refusal());
            return new Label(outcome(e, Feedback.BAD, "LABEL", -1, checked.refusal()), null);
          }
          String note = failure == null ? checked.note() : null;
          return new Label(outcome(e, Feedback.GOOD, "LABEL", -1, "location " + location
              + (note == null ? "" : ": " + note)), failure == null ? checked.round() : null);
        });
  }

  /** A location label's outcome, and the round the location is counted in (null: unknown). */
  record Label(StationOutcome outcome, Integer round) {}

  /**
   * Closes the location at this station; the zone closes it (and reconciles a high-value
   * variance at once) only when no other station still has it open. A refused close is
   * recorded as a rejected scan.
   */
  CompletionStage<StationOutcome> close(StationEvent e, String location, String counter,
      Integer openedRound) {
    return AskPattern.<LocationClaims.Command, LocationClaims.Released>ask(deps.claims(),
            replyTo -> new LocationClaims.Release(station, location, counter, openedRound,
                replyTo),
            deps.askTimeout(), scheduler)
        .thenCompose(released -> {
          if (!released.last()) {
            return CompletableFuture.completedFuture(outcome(e, Feedback.GOOD, "CLOSE", -1,
                "done here; " + location + " still open at "
                    + String.join(", ", released.stillOpenAt())));
          }
          return this.<StatusReply<Zone.LocationChanged>>ask(replyTo -> new ZoneRouter.Route(
                  new Zone.CloseLocation(location, counter, replyTo, openedRound)))
              .handle((ack, failure) -> closed(e, location, counter, ack, failure));
        })
        .exceptionally(failure -> outcome(e, Feedback.BAD, "CLOSE", -1,
            "close not acknowledged in time"));
  }

  /**
   * Logs the counter out: the locations this station has open are dropped, and one another
   * station finished, this one the last there, is closed for its counter; the light says so,
   * else the counter walks away not knowing the location was closed in someone's name. The
   * registry answers within the ask timeout, naming a close the zone has not answered by then
   * (not confirmed: the counter tells a supervisor rather than assume it closed). With no
   * answer at all, whether the location the station had open ({@code open}, empty: none) was
   * due a close is not known either: the light says that, not that a close was under way.
   */
  CompletionStage<StationOutcome> logout(StationEvent e, String open) {
    return AskPattern.<LocationClaims.Command, LocationClaims.Dropped>ask(deps.claims(),
            replyTo -> new LocationClaims.DropAll(station, true, deps.askTimeout(), replyTo),
            deps.askTimeout().multipliedBy(2), scheduler)
        .thenApply(dropped -> {
          StringBuilder said = new StringBuilder("logged out");
          for (LocationClaims.ClosedFor c : dropped.closed()) {
            said.append("; ").append(!c.answered() ? unconfirmed(c)
                : c.failure() == null
                ? "closed " + c.location() + " for " + c.counter() + ", who finished it at "
                    + c.station()
                : c.location() + ", which " + c.counter() + " finished at " + c.station()
                    + ", was not closed (" + c.failure() + "): close it with its label");
          }
          return outcome(e, Feedback.GOOD, "LABEL", -1, said.toString());
        })
        // The logout stands either way.
        .exceptionally(failure -> loggedOutUnanswered(e, open, failure));
  }

  private String unconfirmed(LocationClaims.ClosedFor c) {
    log.warn("{}: logout: the close of {} for {}, who finished it at {}, was not confirmed "
        + "within {} ms", station, c.location(), c.counter(), c.station(),
        deps.askTimeout().toMillis());
    return "close of " + c.location() + " not confirmed yet: see a supervisor";
  }

  private StationOutcome loggedOutUnanswered(StationEvent e, String open, Throwable failure) {
    if (open.isEmpty()) {
      return outcome(e, Feedback.GOOD, "LABEL", -1, "logged out");
    }
    log.warn("{}: logout: the location registry did not answer within {} ms: whether {} was "
        + "due a close is not known: {}", station, 2 * deps.askTimeout().toMillis(), open,
        String.valueOf(failure.getMessage()));
    return outcome(e, Feedback.GOOD, "LABEL", -1, "logged out; not confirmed whether " + open
        + " was closed: see a supervisor");
  }

  private StationOutcome closed(StationEvent e, String location, String counter,
      StatusReply<Zone.LocationChanged> ack, Throwable failure) {
    String why = failure != null ? "close not acknowledged in time"
        : ack.isError() ? ack.getError().getMessage() : null;
    if (why == null) {
      // A label closes the location this station had open; the session's own previous one
      // differs after a refused label, and then its scans say nothing of this location.
      boolean noneHere = e instanceof StationEvent.LocationClosed c ? c.records() == 0
          : e instanceof StationEvent.LocationOpened o && o.previous().equals(location)
              && o.previousRecords() == 0;
      int there = ack.getValue().liveCounts();
      int held = ack.getValue().held();
      // None from this station, but counts from before (a restart, a replugged scanner, another
      // station): the location was not found empty. Nor was it with scans held there.
      return outcome(e, Feedback.GOOD, "CLOSE", -1, "closed " + location
          + (!noneHere ? "" : there == 0 && held > 0
              ? ": only scans held for a supervisor here (" + held + "): their lines go to "
                  + "recount, the other book SKUs count as 0"
              : there == 0
              ? ": nothing scanned here, so its book SKUs count as 0 (found empty)"
              : ": " + there + (there == 1 ? " count" : " counts") + " there from before, none "
                  + "from this station since"));
    }
    keepRefusal(counter, location, e, "close refused: " + why);
    return outcome(e, Feedback.BAD, "CLOSE", -1, why);
  }

  /** Keeps a refused step (a label, close or void) with the refused scans, naming no SKU. */
  private CompletionStage<Long> keepRefusal(String counter, String location, StationEvent e,
      String reason) {
    return deps.journal().append(Rejections.of(station, counter, location, "", e.raw(), reason));
  }

  StationOutcome outcome(StationEvent e, Feedback f, String kind, long journalSeq,
      String detail) {
    return new StationOutcome(station, e.sequence(), f, kind, journalSeq, detail);
  }

  private <T> CompletionStage<T> ask(Function<ActorRef<T>, ZoneRouter.Command> message) {
    return AskPattern.ask(deps.router(), message::apply, deps.askTimeout(), scheduler);
  }
}
