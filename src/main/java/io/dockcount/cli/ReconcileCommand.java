package io.dockcount.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.dockcount.core.DecimalReader;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.ReconResult;
import io.dockcount.csv.ColumnMap;
import io.dockcount.csv.InputFiles;
import io.dockcount.csv.ReconcileInputs;
import io.dockcount.csv.Rejection;
import io.dockcount.csv.ReportWriter;
import io.dockcount.csv.SummaryReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Reconciles a book snapshot against count files and writes the reports.
 *
 * <p>Exit codes: 0 when the run completed (rejected rows included: they are in
 * {@code exceptions.csv} and counted in the summary), 2 when it could not run (a missing file
 * or column, a bad option or config), 3 when it completed but the book or the counts had no
 * usable row (the reports are written, and are no reconciliation).
 */
@Command(
    name = "reconcile",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Reconcile a book snapshot against count files.",
      "Writes recon.csv, recount_tasks.csv, exceptions.csv and summary.json into --out"
          + " (and recon_lots.csv when book and counts both have lots)."
    })
final class ReconcileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--book", required = true, paramLabel = "FILE",
      description = "Book snapshot: sku,location,book_qty[,lot][,book_uom] (eaches, or "
          + "book_uom units through the UOM table).")
  Path book;

  @Option(names = "--counts", required = true, paramLabel = "FILE",
      description = "Count records: sku,location,count_qty,count_uom[,lot][,count_id]"
          + "[,station][,round]; one file (join several exports with cat: a repeated header "
          + "is skipped, a count_id repeated within its station counted once; a recount, a "
          + "later round, replaces the counts of its SKU and location).")
  Path counts;

  @Option(names = "--uom", required = true, paramLabel = "FILE",
      description = "UOM table: sku,uom,qty_per_uom[,base_uom] (eaches per unit, or units "
          + "of base_uom: PL,40,CS).")
  Path uom;

  @Option(names = "--items", required = true, paramLabel = "FILE",
      description = "Item master: sku,unit_cost[,class][,cost_uom] (cost per each, or per "
          + "cost_uom through the UOM table).")
  Path items;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory for the reports (created if needed).")
  Path out;

  @Option(names = "--locations", paramLabel = "FILE",
      description = "Bin master mapping bin names to unique location codes: name,location"
          + "[,warehouse].")
  Path locations;

  @Option(names = "--warehouse", paramLabel = "NAME",
      description = "Use only the bin master rows of this warehouse.")
  String warehouse;

  @Option(names = "--config", paramLabel = "FILE",
      description = "HOCON config file (columns, location pattern, recount rules).")
  Path config;

  @Option(names = "--columns", paramLabel = "KIND.FIELD=HEADER",
      description = "Read a field from another column, e.g. book.book_qty=\"Physical QOH\"; "
          + "counts.count_id= reads no ids (ids each export numbers on its own).")
  List<String> columns = new ArrayList<>();

  @Option(names = "--location-pattern", paramLabel = "REGEX",
      description = "Regex with named groups zone, aisle, bay, level (default: dashed parts).")
  String locationPattern;

  @Option(names = "--decimal-comma",
      description = "The files' numbers are written with a decimal comma (2,5 and 1.234,5), "
          + "as decimal-comma locales export them; without it a comma in a number is refused.")
  boolean decimalComma;

  @Option(names = "--counts-unit", paramLabel = "UNIT",
      description = "Unit of every count, for a counts file without a unit column (e.g. EA).")
  String countsUnit;

  @Option(names = "--qty", paramLabel = "EACHES",
      description = "Default rule: recount at this absolute variance in eaches. Each of "
          + "--qty, --value and --pct sets one limit on both sides; the limits not given keep "
          + "their values from --config or the defaults (value 50.00, pct 2), and with --combine "
          + "any one reached is enough.")
  Long qty;

  @Option(names = "--value", paramLabel = "MONEY",
      description = "Default rule: recount at this absolute variance value.")
  String value;

  @Option(names = "--pct", paramLabel = "PERCENT",
      description = "Default rule: recount at this variance in percent of book.")
  String pct;

  @Option(names = "--combine", paramLabel = "any|all",
      description = "Default rule: one limit reached is enough (any) or all must be (all).")
  String combine;

  @Option(names = "--reader", hidden = true, defaultValue = "SCANNER",
      description = "CSV reader: SCANNER (default) or FASTCSV (for the benchmark).")
  ReconcileInputs.Reader reader;

  /** Exit code of a run whose book or counts had no usable row: its reports are written. */
  static final int UNUSABLE_INPUT = 3;

  /** Inputs of more rows than this (all files) are collected between load and join. */
  private static final long LARGE_INPUT_ROWS = 500_000;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Timings timings = new Timings(err);
    PrintWriter outText = spec.commandLine().getOut();
    if (warehouse != null && locations == null) {
      throw new InputException("--warehouse selects bins of the bin master: give --locations too");
    }
    refuseOverwritingInputs();
    if (Files.exists(out) && !Files.isDirectory(out)) {
      // Said before the inputs are read, not after a long run as a failed write.
      throw new InputException("--out " + out + ": a file, not a directory");
    }
    if (Files.isSymbolicLink(out) && !Files.exists(out)) {
      throw new InputException("--out " + out + ": a symbolic link to " + linkTarget(out)
          + ", which does not exist");
    }
    if (Files.isDirectory(out)) {
      // Before anything else can fail: a killed run's mix is put back to one set at once.
      try {
        removeStaleStaging();
      } catch (IOException | UncheckedIOException e) {
        throw new InputException(out + ": cannot put back the reports a killed run left ("
            + e.getMessage() + ")", e);
      }
    }
    if (Main.ownsJvm) {
      QuickCompilation.applyInBackground(inputBytes());
    }
    ReconcileSettings settings = ReconcileSettings.from(overrides(ReconcileSettings.load(config)));
    timings.mark("settings");
    ReconcileInputs.Progress progress = System.console() == null ? ReconcileInputs.Progress.NONE
        : (file, f) -> err.printf("\rreading %s %3.0f%%", file, f * 100).flush();
    ReconcileInputs inputs;
    try {
      inputs = ReconcileInputs.load(
          new InputFiles(book, counts, uom, items, locations, warehouse, settings.countsUnit,
              settings.decimalComma),
          settings.columns, progress, reader);
    } catch (ReconcileInputs.InputProblem e) {
      throw new InputException(e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new InputException(e.getMessage(), e);
    }
    timings.mark("load");
    if (inputs.rowsRead().values().stream().mapToLong(Long::longValue).sum()
        > LARGE_INPUT_ROWS) {
      // What loading left behind (read buffers, the master data's SKU dictionary, each count
      // half's slack) is garbage now. Collected here, G1 reuses its regions for the join's
      // arrays instead of growing the heap: peak RSS on 1M book lines 297-319 MB against
      // 347-362 MB without, at no measurable cost in time (docs/BENCHMARKS.md). A process of
      // its own also gives the freed heap back, or the join's arrays still land in fresh pages.
      if (Main.ownsJvm) {
        HeapReturn.apply();
      }
      System.gc();
      timings.mark("collect");
    }
    if (progress != ReconcileInputs.Progress.NONE) {
      err.print("\r\033[K");
      err.flush();
    }
    ReconResult result = inputs.reconciliation().reconcile(inputs.items(), inputs.uom(),
        settings.scheme, settings.policy);
    timings.mark("reconcile");
    for (String notice : inputs.notices()) {
      err.println("dockcount: note: " + notice);
    }
    if (inputs.rowsRead(items) == 0) {
      // Said apart: without it the run reads as one whose SKUs all happen to lack a cost.
      err.println("dockcount: warning: " + items + ": the item master has no rows (a header "
          + "only?): no line has a cost, each is flagged missing_cost");
    }
    for (String warning : unmatchedRules(result, settings.policy)) {
      err.println("dockcount: warning: " + warning);
    }
    err.flush();
    SummaryReport summary = new SummaryReport(result, inputs);
    writeReports(result, summary, inputs.rejections());
    timings.mark("write");
    outText.print(summary.text());
    outText.println("Reports written to " + out);
    outText.flush();
    if (!inputs.unusable().isEmpty()) {
      for (String why : inputs.unusable()) {
        err.println("dockcount: " + why);
      }
      err.flush();
      return UNUSABLE_INPUT;
    }
    return 0;
  }

  /**
   * Says each recount rule whose zone or SKU class no line has (a class written in another
   * letter case, a zone the location scheme names otherwise): its limits apply to nothing, and
   * an analyst who meant them would get other recounts than configured without a word.
   */
  static List<String> unmatchedRules(ReconResult result, io.dockcount.core.RecountPolicy policy) {
    List<io.dockcount.core.ToleranceRule> named = policy.rules().stream()
        .filter(r -> r.zone() != null || r.skuClass() != null).toList();
    if (named.isEmpty()) {
      return List.of();
    }
    java.util.BitSet skus = new java.util.BitSet();
    java.util.BitSet locations = new java.util.BitSet();
    for (int p = 0; p < result.size(); p++) {
      skus.set(result.skuId(p));
      locations.set(result.locationId(p));
    }
    java.util.Set<String> classes = new java.util.TreeSet<>();
    skus.stream().mapToObj(result.items()::skuClass).filter(c -> c != null && !c.isEmpty())
        .forEach(classes::add);
    java.util.Set<String> zones = new java.util.TreeSet<>();
    locations.stream().mapToObj(result::parts).filter(java.util.Objects::nonNull)
        .map(LocationScheme.Parts::zone).filter(z -> z != null && !z.isEmpty())
        .forEach(zones::add);
    List<String> out = new ArrayList<>();
    for (io.dockcount.core.ToleranceRule r : named) {
      if (r.skuClass() != null && !classes.contains(r.skuClass())) {
        out.add(noneHas("class", r.skuClass(), "classes", classes));
      }
      if (r.zone() != null && !zones.contains(r.zone())) {
        out.add(noneHas("zone", r.zone(), "zones", zones));
      }
    }
    return out;
  }

  private static String noneHas(String what, String name, String plural,
      java.util.Set<String> has) {
    String near = has.stream().filter(h -> h.equalsIgnoreCase(name.strip())).findFirst()
        .orElse(null);
    List<String> shown = has.stream().limit(10).toList();
    return "the recount rule for " + what + " " + name + " applies to no line: no line has that "
        + what + (near != null ? " (the lines have " + near + ": letter case and spaces count)"
            : has.isEmpty() ? " (no line has any " + what + (what.equals("class")
                ? ": is the item master's class column headed otherwise? --columns "
                    + "items.class=NAME" : "") + ")"
            : " (the lines have " + plural + " " + String.join(", ", shown)
                + (has.size() > shown.size() ? " and " + (has.size() - shown.size()) + " more"
                    : "") + ")");
  }

  /** The reports of one run, in the order they are written. */
  private static final List<String> REPORTS = List.of("recon.csv", "recon_lots.csv",
      "recount_tasks.csv", "exceptions.csv", "summary.json");

  /**
   * Writes the reports as one set: into a directory of this run's inside {@code --out}, then
   * moved into place one after the other once all are written. A run that fails while
   * writing (a full disk) or moving leaves the earlier run's set whole, never half of each;
   * one killed leaves its directory, which the next run removes, first putting the earlier set
   * back if the killed run was moving its reports into place.
   */
  private void writeReports(ReconResult result, SummaryReport summary,
      List<Rejection> rejections) {
    Path staging = out.resolve(STAGING_PREFIX + ProcessHandle.current().pid());
    try {
      Files.createDirectories(out); // what killed runs left here was put right at the start
      Files.createDirectories(staging);
      ReportWriter.writeRecon(result, staging.resolve("recon.csv"));
      if (result.byLot()) {
        ReportWriter.writeLots(result, staging.resolve("recon_lots.csv"));
      }
      ReportWriter.writeTasks(result, staging.resolve("recount_tasks.csv"));
      ReportWriter.writeExceptions(rejections, staging.resolve("exceptions.csv"));
      summary.writeJson(staging.resolve("summary.json"));
      for (String report : REPORTS) {
        // Set aside, a directory in a report's place would be deleted with the staging one.
        if (Files.isDirectory(out.resolve(report), LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException(out.resolve(report) + " is a directory");
        }
      }
      // From here on the earlier set is taken apart: a run killed during the moves leaves this
      // list, so that the next run knows to put the earlier set back (removeStaleStaging).
      List<String> written = new ArrayList<>();
      for (String report : REPORTS) {
        if (Files.exists(staging.resolve(report))) {
          written.add(report);
        }
      }
      Files.write(staging.resolve(PLACING), written);
      placeReports(staging);
      // Every report is in place: from here a kill leaves this run's set, which the next run
      // must not take apart, so the list goes before anything else in the staging directory.
      Files.delete(staging.resolve(PLACING));
    } catch (IOException | UncheckedIOException e) {
      IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      List<String> mixed = io instanceof ReportsMixed m ? m.notPutBack : List.of();
      IOException why = io instanceof ReportsMixed ? (IOException) io.getCause() : io;
      throw new InputException(out + ": cannot write reports (" + describe(why) + "); "
          + (mixed.isEmpty() ? "the reports there are still the earlier run's, if any"
              : "the earlier run's " + String.join(", ", mixed) + " could not be put back: "
                  + "those are missing or this run's, the rest the earlier run's"), e);
    } finally {
      deleteTree(staging);
    }
  }

  /**
   * Moves the reports written into {@code staging} into place, each earlier one first set aside
   * in {@code staging}. When a move fails, what was moved is put back, so that the directory
   * holds the earlier run's set whole, and throws a {@link ReportsMixed} naming any that could
   * not be put back.
   */
  private void placeReports(Path staging) throws IOException {
    List<String> moved = new ArrayList<>();
    try {
      // LIMITATION: a run killed between these renames leaves a mix until the next run into
      // this directory puts the earlier set back; no rename swaps several files at once.
      for (String report : REPORTS) {
        Path target = out.resolve(report);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.move(target, staging.resolve(report + EARLIER), StandardCopyOption.ATOMIC_MOVE);
        }
        // Noted before the move in: an earlier report set aside is put back even if it fails.
        moved.add(report);
        Path from = staging.resolve(report);
        if (Files.exists(from)) {
          // An earlier run's lots next to this run's reports would read as this run's: a
          // report this run does not write stays set aside.
          Files.move(from, target, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      List<String> notBack = new ArrayList<>();
      for (String report : moved) {
        try {
          Path earlier = staging.resolve(report + EARLIER);
          if (Files.exists(earlier)) {
            Files.move(earlier, out.resolve(report), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
          } else {
            Files.deleteIfExists(out.resolve(report));
          }
        } catch (IOException notPutBack) {
          e.addSuppressed(notPutBack);
          notBack.add(report);
        }
      }
      throw new ReportsMixed(e, notBack);
    }
  }

  /** A failed move into place, and the earlier reports that could not be put back after it. */
  private static final class ReportsMixed extends IOException {
    private static final long serialVersionUID = 1L;
    final transient List<String> notPutBack;

    ReportsMixed(IOException failed, List<String> notPutBack) {
      super(failed);
      this.notPutBack = List.copyOf(notPutBack);
    }
  }

  /** How a report set aside in the staging directory is named while the new set goes in. */
  private static final String EARLIER = ".earlier";

  private static final String STAGING_PREFIX = ".dockcount-reports-";

  /** Names, in a run's staging directory, the reports it was moving into place. */
  private static final String PLACING = ".placing";

  /**
   * Removes what runs killed while writing into {@code --out} left behind. A run killed while
   * moving its reports into place left some of its reports and some of the earlier run's: the
   * earlier set is put back first, so that {@code --out} holds one run's set again even if this
   * run then fails.
   */
  private void removeStaleStaging() throws IOException {
    try (Stream<Path> entries = Files.list(out)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(STAGING_PREFIX) && !alive(name.substring(STAGING_PREFIX.length()))) {
          if (Files.isRegularFile(p.resolve(PLACING))) {
            putEarlierSetBack(p);
          }
          deleteTree(p);
        }
      }
    }
  }

  /**
   * Undoes the moves of a run killed in {@link #placeReports}: each report it set aside goes
   * back, and each of its own that it had moved in where there was none before is removed.
   */
  private void putEarlierSetBack(Path stale) throws IOException {
    List<String> written = Files.readAllLines(stale.resolve(PLACING));
    List<String> undone = new ArrayList<>();
    for (String report : REPORTS) {
      Path earlier = stale.resolve(report + EARLIER);
      Path target = out.resolve(report);
      if (Files.exists(earlier, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(earlier, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        undone.add(report);
      } else if (written.contains(report) && !Files.exists(stale.resolve(report))) {
        Files.deleteIfExists(target);
        undone.add(report);
      }
    }
    if (!undone.isEmpty()) {
      spec.commandLine().getErr().println(out + ": a run killed while replacing its reports had "
          + "left a mix; the earlier run's set was put back (" + String.join(", ", undone)
          + ") before this run's");
    }
  }

  private static boolean alive(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).isPresent();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // left for the next run to remove; the reports themselves are in place or not
    }
  }

  private static String linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return "a path it cannot read";
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e instanceof java.nio.file.NoSuchFileException ? "no such directory: " + m
        : e instanceof java.nio.file.AccessDeniedException ? "permission denied: " + m
        : m == null ? e.getClass().getSimpleName() : m;
  }

  /** Refuses a limit option that is not a plain number of 0 or more, naming the option. */
  private static void limitOption(String option, String text) {
    if (text == null) {
      return;
    }
    DecimalReader number = new DecimalReader();
    if (!number.read(text)) {
      // --decimal-comma is of the files: a refusal pointing to it would send the user round.
      throw new InputException(option + " " + text + (text.indexOf(',') >= 0
          ? ": a limit is written with a decimal point and no grouping (2.5, 1200), whatever "
              + "--decimal-comma says of the files' numbers"
          : ": not a plain number: " + number.error()));
    }
    if (number.unscaled() < 0) {
      throw new InputException(option + " " + text + ": a limit is 0 or more");
    }
  }

  /** Returns the size of the input files that exist (a missing one is reported later). */
  private long inputBytes() {
    long total = 0;
    for (Path p : new Path[] {book, counts, uom, items, locations}) {
      try {
        total += p == null ? 0 : Files.size(p);
      } catch (IOException | SecurityException e) {
        // said by the reader, in its words
      }
    }
    return total;
  }

  /** Stops the run before it starts when a report would replace one of its own inputs. */
  private void refuseOverwritingInputs() {
    List<Path> inputs = new ArrayList<>(List.of(book, counts, uom, items));
    if (locations != null) {
      inputs.add(locations);
    }
    if (config != null) {
      inputs.add(config);
    }
    for (String report : REPORTS) {
      Path target = out.resolve(report).toAbsolutePath().normalize();
      for (Path in : inputs) {
        if (in.toAbsolutePath().normalize().equals(target) || sameFile(in, target)) {
          throw new InputException("--out " + out + " would overwrite the input " + in
              + " with " + report + ": choose another directory");
        }
      }
    }
  }

  /** Whether both exist and are one file, reached through a symbolic or hard link. */
  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException | SecurityException e) {
      return false; // unreadable: the reader says so in its words
    }
  }

  /** Phase times on stderr when DOCKCOUNT_TIMINGS is set: for profiling, not for reports. */
  private static final class Timings {
    private final PrintWriter err;
    private final boolean on = System.getenv("DOCKCOUNT_TIMINGS") != null;
    private long last = System.nanoTime();

    Timings(PrintWriter err) {
      this.err = err;
      if (on) {
        // From the JVM's start to this command: JVM, class loading, picocli.
        err.printf("timing %-10s %6d ms%n", "start",
            java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()).flush();
      }
    }

    void mark(String phase) {
      long now = System.nanoTime();
      if (on) {
        err.printf("timing %-10s %6d ms%n", phase, (now - last) / 1_000_000).flush();
      }
      last = now;
    }
  }

  /** Lays the command-line options over the config. */
  private Config overrides(Config base) {
    limitOption("--qty", qty == null ? null : qty.toString());
    limitOption("--value", value);
    limitOption("--pct", pct);
    String root = "dockcount.reconcile.";
    Config c = base;
    Map<String, String> given = new LinkedHashMap<>();
    for (String option : columns) {
      int eq = option.indexOf('=');
      String key = eq < 0 ? option : option.substring(0, eq);
      String[] kf = key.split("\\.", 2);
      if (eq < 0 || kf.length != 2) {
        throw new InputException("--columns " + option + ": expected KIND.FIELD=HEADER");
      }
      String header = option.substring(eq + 1);
      try {
        new ColumnMap().put(key, header); // said of the option, not of a config
      } catch (IllegalArgumentException bad) {
        // "--columns book.qty: ...", not "--columns column mapping book.qty: ...".
        throw new InputException("--columns "
            + bad.getMessage().replaceFirst("^column mapping ", ""));
      }
      String was = given.put(key.strip().toLowerCase(java.util.Locale.ROOT), header.strip());
      if (was != null && !was.equalsIgnoreCase(header.strip())) { // headers match so
        // Taking the last of two would be a guess the user never sees.
        throw new InputException("--columns " + key + " is given twice, as '" + was + "' and '"
            + header.strip() + "': give it once");
      }
      c = c.withValue(root + "columns." + kf[0] + ".\"" + kf[1] + "\"",
          ConfigValueFactory.fromAnyRef(header));
    }
    if (locationPattern != null) {
      try {
        if (!"dashed".equals(locationPattern)) {
          io.dockcount.core.LocationScheme.of(locationPattern); // said of the option
        }
      } catch (IllegalArgumentException bad) {
        throw new InputException("--location-pattern: " + bad.getMessage());
      }
      c = c.withValue(root + "location-pattern", ConfigValueFactory.fromAnyRef(locationPattern));
    }
    if (countsUnit != null) {
      if (countsUnit.isBlank()) { // said of the option typed, not of a config key never written
        throw new InputException("--counts-unit is blank: give a unit such as EA, or leave the "
            + "option out to read the counts file's own unit column");
      }
      c = c.withValue(root + "counts-unit", ConfigValueFactory.fromAnyRef(countsUnit));
    }
    if (decimalComma) {
      c = c.withValue(root + "decimal-comma", ConfigValueFactory.fromAnyRef(true));
    }
    String rule = root + "recount.default.";
    for (String side : new String[] {"short", "over"}) {
      if (qty != null) {
        c = c.withValue(rule + side + ".qty", ConfigValueFactory.fromAnyRef(qty));
      }
      if (value != null) {
        c = c.withValue(rule + side + ".value", ConfigValueFactory.fromAnyRef(value));
      }
      if (pct != null) {
        c = c.withValue(rule + side + ".pct", ConfigValueFactory.fromAnyRef(pct));
      }
    }
    if (combine != null) {
      if (!combine.equalsIgnoreCase("any") && !combine.equalsIgnoreCase("all")) {
        throw new InputException("--combine must be any or all: " + combine);
      }
      c = c.withValue(rule + "combine", ConfigValueFactory.fromAnyRef(combine));
    }
    return c.withFallback(ConfigFactory.empty());
  }
}
