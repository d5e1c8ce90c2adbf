package io.dockcount.console;

import static io.dockcount.console.Json.obj;

import io.dockcount.core.CountRound;
import io.dockcount.zone.LocationState;
import io.dockcount.zone.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a supervisor's zone close does to each location being counted (counts in its current
 * round): closes it when nobody is counting it now (its counter logged out, or the service
 * restarted), and leaves it open for its counter when a station has it open now or it is a
 * recount under way, since cut off there the SKUs not scanned yet would count 0 (a recount's
 * then standing as a variance for the supervisor to decide).
 *
 * @param toClose the locations to close, in name order
 * @param stillCounting the locations left open, each as a JSON-ready map with the reason
 */
record ZoneClose(List<String> toClose, List<Object> stillCounting) {

  /** Decides from the zone's locations and what each station has open now. */
  static ZoneClose of(Zone.ZoneDetail detail, Map<String, StationStatus.Live> live) {
    List<String> close = new ArrayList<>();
    List<Object> open = new ArrayList<>();
    new java.util.TreeMap<>(detail.locations()).forEach((loc, ld) -> {
      if (ld.roundCounts() == 0 || !ld.state().takesCounts()) {
        // Nothing counted in its round: a location waiting for its recount would otherwise be
        // closed on the old round's counts, "closed without the recount asked for".
        return;
      }
      TreeSet<String> at = new TreeSet<>();
      live.forEach((station, l) -> {
        if (loc.equals(l.location())) {
          at.add(station);
        }
      });
      boolean recount = ld.state() == LocationState.RECOUNT_REQUESTED;
      if (!recount && at.isEmpty()) {
        close.add(loc);
        return;
      }
      String counts = ld.roundCounts() + (ld.roundCounts() == 1 ? " count" : " counts");
      String what = recount ? CountRound.label(ld.round()) + " under way (" + counts + ")"
          : "being counted (" + counts + ")";
      String where = at.isEmpty() ? ", no station has it open now"
          : " at " + String.join(", ", at);
      open.add(obj("location", loc, "state", ld.state().name(), "round", ld.round(),
          "counts", ld.roundCounts(), "stations", List.copyOf(at),
          "why", what + where + ": left open; its counter's close (CTL:CLOSE) closes it"));
    });
    return new ZoneClose(List.copyOf(close), List.copyOf(open));
  }
}
