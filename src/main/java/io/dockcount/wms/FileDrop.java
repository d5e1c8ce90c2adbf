package io.dockcount.wms;

import io.dockcount.csv.CsvScanner;
import io.dockcount.csv.DecimalStyle;
import io.dockcount.csv.RowSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The watched inbox. A file is complete when {@code <file>.done} exists beside it: the WMS
 * writes and closes the file, then creates the marker, so a file still being written (or cut
 * short by a crash before the marker) is never read. The start of the name gives the kind:
 * {@code book}, {@code items}, {@code uom}, {@code barcodes} or {@code movements}.
 *
 * <p>A taken file is moved to {@code processed/}, a refused one to {@code rejected/} with
 * {@code <file>.report.txt} beside it; the marker is deleted after the move. Of the taken
 * files the newest {@code keepProcessed} are kept (by modification time, then name), the older
 * deleted after each move: a taken file is stored in H2 as its snapshot, and the copy is for a
 * person to look at, so a WMS dropping a book every few minutes must not fill the card over a
 * week. Refused files are all kept: each waits for a person. A file stored as a
 * snapshot but not yet moved (a crash in between) is offered again at the next poll and found
 * to be a duplicate, so nothing is taken twice. Blocking; one caller at a time.
 */
public final class FileDrop {
  /** A complete file waiting in the inbox; {@code kind} is null when the name says none. */
  public record Delivery(Path file, Path marker, String kind) {}

  static final String MARKER = ".done";

  /** Taken files kept in {@code processed/} by default. */
  public static final int KEEP_PROCESSED = 50;

  private final Path inbox;
  private final int keepProcessed;
  private final boolean decimalComma;

  public FileDrop(Path inbox) {
    this(inbox, KEEP_PROCESSED);
  }

  /** @param keepProcessed taken files kept in {@code processed/}; 0 keeps every one */
  public FileDrop(Path inbox, int keepProcessed) {
    this(inbox, keepProcessed, false);
  }

  /**
   * @param keepProcessed taken files kept in {@code processed/}; 0 keeps every one
   * @param decimalComma the files' numbers are written with a decimal comma, as the site
   *     declares ({@code dockcount.reconcile.decimal-comma}): read as {@code reconcile} reads
   *     them then, a dot only grouping thousands
   */
  public FileDrop(Path inbox, int keepProcessed, boolean decimalComma) {
    if (keepProcessed < 0) {
      throw new IllegalArgumentException("keepProcessed must be 0 or more, was "
          + keepProcessed);
    }
    this.inbox = inbox;
    this.keepProcessed = keepProcessed;
    this.decimalComma = decimalComma;
  }

  public Path inbox() {
    return inbox;
  }

  /** Returns the complete files, by name. */
  public List<Delivery> ready() throws IOException {
    Files.createDirectories(inbox);
    List<Delivery> out = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(inbox, "*" + MARKER)) {
      for (Path marker : dir) {
        String name = marker.getFileName().toString();
        Path file = inbox.resolve(name.substring(0, name.length() - MARKER.length()));
        if (Files.isRegularFile(file)) {
          out.add(new Delivery(file, marker, kindOf(file)));
        }
      }
    }
    out.sort((a, b) -> a.file().getFileName().compareTo(b.file().getFileName()));
    return out;
  }

  /**
   * Offers each complete file to the manager, oldest name first, and moves it by the outcome.
   * A file that cannot be read or moved stays in the inbox for the next poll.
   */
  public List<SnapshotManager.Outcome> takeAll(SnapshotManager manager, java.time.Instant now) {
    return takeAll((tables, source) -> manager.offer(tables, source, now));
  }

  /** Where a complete file's table goes; returns what became of it. */
  public interface Intake {
    SnapshotManager.Outcome offer(List<RawTable> tables, String source);
  }

  /** As {@link #takeAll(SnapshotManager, java.time.Instant)}, through {@code intake}. */
  public List<SnapshotManager.Outcome> takeAll(Intake intake) {
    List<SnapshotManager.Outcome> out = new ArrayList<>();
    List<Delivery> waiting;
    try {
      waiting = ready();
    } catch (IOException e) {
      out.add(new SnapshotManager.Failed("file drop " + inbox, e.toString(),
          SnapshotManager.NOTHING_TAKEN));
      return out;
    }
    for (Delivery d : waiting) {
      String source = "file " + d.file().getFileName();
      SnapshotManager.Outcome o = null;
      try {
        o = d.kind() == null
            ? new SnapshotManager.Rejected(source, List.of(d.file().getFileName()
                + ": the name must start with one of " + WmsSettings.SOURCE_KINDS))
            : intake.offer(List.of(read(d)), source);
        // Taken in (or refused) before the file moves: a move that fails does not undo that,
        // and the zones must still hear of a book in force.
        out.add(o);
        if (o instanceof SnapshotManager.Rejected r) {
          rejected(d, r.problems(), r.effect());
        } else {
          processed(d);
        }
      } catch (CsvScanner.NotText e) {
        // Its content is at fault: reading it again at every poll would not help.
        SnapshotManager.Rejected r = new SnapshotManager.Rejected(source,
            List.of(d.file().getFileName() + ": " + e.getMessage()),
            SnapshotManager.kept(List.of(d.kind())));
        try {
          rejected(d, r.problems(), r.effect());
          out.add(r);
        } catch (IOException moving) {
          out.add(new SnapshotManager.Failed(source, "cannot move: " + moving, r.effect()));
        }
      } catch (IOException e) {
        out.add(o == null
            ? new SnapshotManager.Failed(source, "cannot read: " + e,
                SnapshotManager.kept(d.kind() == null ? List.of() : List.of(d.kind())))
            : new SnapshotManager.Failed(source, "cannot move the file: " + e, "it was "
                + (o instanceof SnapshotManager.Rejected ? "refused" : "taken in")
                + " as said before; the file stays in the inbox and is offered again"));
      }
    }
    return out;
  }

  private static String kindOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String kind : WmsSettings.SOURCE_KINDS) {
      if (name.startsWith(kind)) {
        return kind;
      }
    }
    return null;
  }

  /** Reads the file as one table; a row that cannot be read is kept with its problem. */
  public RawTable read(Delivery d) throws IOException {
    String name = d.file().getFileName().toString();
    List<RawTable.Row> rows = new ArrayList<>();
    try (RowSource s = CsvScanner.open(d.file())) {
      while (s.next()) {
        List<String> values = new ArrayList<>(s.fieldCount());
        for (int i = 0; i < s.fieldCount(); i++) {
          values.add(s.text(i));
        }
        // A field too many or too few (1,000 split by its comma) must not shift into a value.
        String problem = s.problem() != null ? s.problem()
            : s.fieldCount() != s.header().size() ? "row has " + s.fieldCount() + " fields, "
                + "the header has " + s.header().size()
            : s.notUtf8();
        rows.add(new RawTable.Row("line " + s.line(), values, problem));
      }
      // 1.000 in a semicolon file is one thousand as often as one: refused, never guessed,
      // unless the site declared decimal commas, where a dot can only group thousands.
      return new RawTable(d.kind(), name, s.header(), rows, false,
          !decimalComma && DecimalStyle.dotMayGroup(s.delimiter(), d.file()), decimalComma);
    }
  }

  /**
   * Moves a taken (or duplicate) file to {@code processed/}, then deletes the taken files
   * beyond the newest {@code keepProcessed}; returns where it went.
   */
  public Path processed(Delivery d) throws IOException {
    Path target = move(d, "processed");
    if (keepProcessed > 0) {
      pruneProcessed(target.getParent());
    }
    return target;
  }

  private void pruneProcessed(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    java.util.Map<Path, java.nio.file.attribute.FileTime> times = new java.util.HashMap<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
      for (Path f : all) {
        if (Files.isRegularFile(f)) {
          files.add(f);
          times.put(f, Files.getLastModifiedTime(f));
        }
      }
    }
    if (files.size() <= keepProcessed) {
      return;
    }
    files.sort(java.util.Comparator.comparing((Path f) -> times.get(f))
        .thenComparing(f -> f.getFileName().toString()));
    for (Path f : files.subList(0, files.size() - keepProcessed)) {
      Files.deleteIfExists(f);
    }
  }

  /**
   * Moves a refused file to {@code rejected/} with the report beside it; returns where. {@code
   * effect} says what the refusal left as it was (the data of the file's kind in force, or for
   * a movements file: none of its movements stored).
   */
  public Path rejected(Delivery d, List<String> problems, String effect) throws IOException {
    Path target = move(d, "rejected");
    String report = "dockcount refused " + d.file().getFileName() + "; " + effect + ". Fix the "
        + "file and drop it again.\n" + String.join("\n", problems) + "\n";
    Path tmp = target.resolveSibling(target.getFileName() + ".report.tmp");
    Files.writeString(tmp, report, StandardCharsets.UTF_8);
    Files.move(tmp, target.resolveSibling(target.getFileName() + ".report.txt"),
        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  private Path move(Delivery d, String where) throws IOException {
    Path dir = inbox.resolve(where);
    Files.createDirectories(dir);
    String name = d.file().getFileName().toString();
    Path target = dir.resolve(name);
    for (int n = 1; Files.exists(target); n++) {
      // The WMS may reuse a name; an earlier file of that name is kept, not overwritten.
      target = dir.resolve(name + "." + n);
    }
    Files.move(d.file(), target, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.delete(d.marker());
    } catch (NoSuchFileException gone) {
      // Already gone: nothing to do.
    }
    return target;
  }
}
