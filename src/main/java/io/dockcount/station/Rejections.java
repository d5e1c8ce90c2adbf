package io.dockcount.station;

import io.dockcount.core.barcode.RawBytes;
import io.dockcount.core.station.RejectedScan;
import io.dockcount.store.JournalEntry;

/** Turns what a station refused into rows of the store's rejected-scan journal. */
final class Rejections {
  /** The widest text column of the journal. */
  private static final int MAX_TEXT = 1000;

  private Rejections() {}

  static JournalEntry.Rejected of(RejectedScan scan) {
    // Some details already start with the reason ("unknown barcode 0400... not in the table").
    String reason = scan.detail().isEmpty() ? scan.reason()
        : scan.detail().startsWith(scan.reason()) ? scan.detail()
        : scan.reason() + " (" + scan.detail() + ")";
    return new JournalEntry.Rejected(scan.station(), scan.counter(), scan.location(),
        scan.sku() == null ? "" : scan.sku(), clip(scan.raw().escaped()), clip(reason));
  }

  static JournalEntry.Rejected of(String station, String counter, String location, String sku,
      RawBytes raw, String reason) {
    return new JournalEntry.Rejected(station, counter, location, sku, clip(raw.escaped()),
        clip(reason));
  }

  /** Shortens text to the journal's column width, marking the cut. */
  static String clip(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 3) + "...";
  }
}
