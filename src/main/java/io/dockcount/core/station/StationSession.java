package io.dockcount.core.station;

import io.dockcount.core.KeyText;
import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.DecodedBarcode;
import io.dockcount.core.barcode.RawBytes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The count session of one station: who counts, where, the quantity keyed, and what was
 * counted, turned from frames into {@link StationEvent}s.
 *
 * <p>Every frame gives exactly one event with the next sequence number; a frame that counts
 * nothing gives a {@link StationEvent.Rejected} with its reason and bytes. The order a counter
 * follows: badge, location label, then product scans (optionally each after a quantity). A
 * keyed quantity applies to the next product scan only, accepted or not, so a refused scan
 * never leaves a quantity waiting for the wrong item (its reason says the quantity went with
 * it), and a scan that cannot be read drops it too, saying so; a location label, close, badge
 * or logout while one waits is refused, so the quantity is never dropped unseen. A label that
 * states its own count refuses a keyed quantity, and one whose count is above the keyed limit
 * is taken as a misread. VOID takes back the last counts of the counter logged in, never
 * those of the counter before. A pallet SSCC counts once per visit to its location (field
 * report F06) unless its count is voided: once the zone has acknowledged its count as stored
 * ({@link #onCountAnswered}), a repeat at this station is refused at once, saying where it was
 * counted. Until then (no answer yet, or none in time) and after a refusal, a repeat goes to
 * the zone, which holds a pallet's count until its location is recounted and so refuses a
 * true repeat itself: the station never refuses a pallet for a count that was not stored.
 * With a {@link LotBook}, a lot that is not on book for a lot-controlled SKU is held, not
 * posted (F05), and so is a GS1 label with no lot of a SKU the book keeps there by lot. With
 * an {@link EachesTable}, a unit the SKU has no factor for is refused, never taken as one each.
 *
 * <p>Pure and single-threaded: the station actor owns it. What the session knows is lost when
 * it is dropped; the events it emitted are the record.
 */
public final class StationSession {
  /** How many of a counter's latest counts VOID can take back, one after another. */
  public static final int VOIDABLE = 1000;
  static final String LOT_NOT_ON_BOOK = "lot not on book \u2014 check scanner GS/FNC1 setting";
  static final String PALLET_COUNTED = "pallet already counted";
  /** Why a frame that is text but no barcode the decoder can read is refused. */
  public static final String UNREADABLE = "unreadable barcode";
  /** Why a station label scanned with a space before it ({@code ' LOC:A-01-03'}) is refused. */
  public static final String LABEL_WITH_SPACE =
      "label with a space before it: scan it again from a label without one";
  /**
   * Why a badge with a space before or after its id is refused, as a location code is: a
   * scanner's prefix or suffix setting, or a label printed so.
   */
  public static final String BADGE_WITH_SPACE = "badge with a space before or after its id"
      + " \u2014 clear the scanner's prefix/suffix setting, or reprint the badge";
  /** Why a quantity label scanned with no location open is refused (not kept). */
  public static final String QUANTITY_BEFORE_LOCATION =
      "scan a location label first, then key the quantity";
  /** Why a frame that is not valid UTF-8 is refused. */
  public static final String NOT_TEXT =
      "scanner sent bytes that are not text \u2014 check its character set / USB serial mode";

  private final String station;
  private final String zone;
  private final StationRules rules;
  private final BarcodeDecoder decoder;
  /** Read once per product scan: the tables in force then. */
  private final Supplier<Lookups> lookups;

  private long sequence;
  private String counter = "";
  private String location = "";
  /**
   * A location label refused here since the last good one (its code as scanned), or "": the
   * counter has moved on to it, so product scans are refused until a good label, never counted
   * into the location open before (as the station link does for a label its zone refuses).
   */
  private String refusedLocation = "";
  private int recordsAtLocation;
  /** The scan number of the label that opened this visit to {@code location}. */
  private long visitFrom;
  private long pendingQuantity = -1;
  /** The frame just handled was refused; {@code afterRefusal}: the one before this one was. */
  private boolean refused;
  private boolean afterRefusal;
  private final Deque<CountRecord> voidable = new ArrayDeque<>();
  /** Pallets whose count the zone acknowledged as stored, by SSCC. */
  private final Map<String, CountRecord> palletsCounted = new HashMap<>();
  /**
   * Pallet counts sent and not answered yet, by scan number; as many as a counter can void,
   * so answers that never come (a link gone) leave no more than that.
   */
  private final Map<Long, CountRecord> palletsUnanswered = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, CountRecord> eldest) {
      return size() > VOIDABLE;
    }
  };

  /**
   * @param eaches conversion to eaches, or null to leave {@link CountRecord#eaches()} empty
   * @param lotBook the book's lots, or null to keep every scanned lot as it is
   */
  public StationSession(String station, String zone, StationRules rules, BarcodeDecoder decoder,
      BarcodeTable barcodes, EachesTable eaches, LotBook lotBook) {
    this(station, zone, rules, decoder, constant(new Lookups(barcodes, eaches, lotBook)));
  }

  /**
   * A session whose barcodes, units and lots follow the master data in force.
   *
   * @param lookups gives the tables in force; read once per product scan
   */
  public StationSession(String station, String zone, StationRules rules, BarcodeDecoder decoder,
      Supplier<Lookups> lookups) {
    this.station = Objects.requireNonNull(station, "station");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.lookups = Objects.requireNonNull(lookups, "lookups");
  }

  private static Supplier<Lookups> constant(Lookups l) {
    return () -> l;
  }

  public String station() {
    return station;
  }

  public String counter() {
    return counter;
  }

  public String location() {
    return location;
  }

  /** Handles one complete frame (terminator removed). */
  public StationEvent onFrame(RawBytes raw) {
    // LIMITATION: a scanner sending one symbol twice counts twice (no debounce: arrival time
    // cannot tell it from a counter's second scan or a batch upload); README says to set the
    // scanner's same-code delay.
    nextFrame();
    String text = raw.strictUtf8();
    if (text == null) {
      return reject(raw, RejectedScan.Kind.SCANNER_SETUP, dropKeyed(NOT_TEXT), "");
    }
    BarcodeDecoder.Result decoded = decoder.decode(text);
    // A scan that reads two ways is the one reading the barcode table lists, if only one.
    BarcodeTable barcodes = decoded.readings().isEmpty() ? null : lookups.get().barcodes();
    DecodedBarcode b = barcodes == null ? decoded.barcode() : barcodes.reading(decoded);
    if (b == null) {
      boolean setup = BarcodeDecoder.isScannerSetup(decoded.error());
      return reject(raw, setup ? RejectedScan.Kind.SCANNER_SETUP : RejectedScan.Kind.BAD_READ,
          dropKeyed(setup ? decoded.error() : UNREADABLE), setup ? text
              : barcodes == null ? decoded.error() : barcodes.refusal(decoded));
    }
    if (b.kind() == DecodedBarcode.Kind.TEXT) {
      StationEvent control = onStationLabel(raw, b.data());
      if (control != null) {
        return control;
      }
    }
    return onProduct(raw, b);
  }

  /**
   * Records a frame the framer refused (control bytes, too long, incomplete after silence) as a
   * rejected scan with the next sequence number.
   */
  public StationEvent onBadFrame(RawBytes raw, String reason) {
    nextFrame();
    return reject(raw, RejectedScan.Kind.BAD_READ, dropKeyed(reason), "");
  }

  /**
   * Drops a keyed quantity at a scan that could not be read, saying so in its reason: the scan
   * may have been its product, and a quantity kept would go with the next product, or be keyed
   * on to (a DIG label appends) when the counter keys it again as the light asks.
   */
  private String dropKeyed(String reason) {
    long keyed = pendingQuantity;
    pendingQuantity = -1;
    return keyed < 0 ? reason : reason + " (the keyed " + keyed + " is dropped: key it again)";
  }

  /** Numbers the frame and notes whether the one before it was refused. */
  private void nextFrame() {
    sequence++;
    afterRefusal = refused;
    refused = false;
  }

  /**
   * Reads the station's own labels by their prefix in any letter case (a scanner set to convert
   * case sends {@code loc:A-01-02}): taken for a product, such a label would be an unknown
   * barcode, and the scans after it would count where the counter no longer is.
   */
  private StationEvent onStationLabel(RawBytes raw, String data) {
    if (StationRules.startsWith(data, rules.badgePrefix())) {
      return onBadge(raw, data.substring(rules.badgePrefix().length()));
    }
    if (StationRules.startsWith(data, rules.locationPrefix())) {
      return onLocation(raw, data.substring(rules.locationPrefix().length()));
    }
    if (StationRules.startsWith(data, rules.quantityPrefix())) {
      return onQuantity(raw, data.substring(rules.quantityPrefix().length()), false);
    }
    if (StationRules.startsWith(data, rules.digitPrefix())) {
      return onQuantity(raw, data.substring(rules.digitPrefix().length()), true);
    }
    if (StationRules.startsWith(data, rules.controlPrefix())) {
      return onControl(raw, data.substring(rules.controlPrefix().length()));
    }
    String behindLayout = rules.labelBehindLayout(data);
    if (behindLayout != null) {
      // The AIM id of a label typed through a non-US layout, as products are refused: taken
      // for an unknown barcode, it would send the supervisor to the label, not the scanner.
      if (StationRules.startsWith(behindLayout, rules.locationPrefix())) {
        refusedLocation = data;
      }
      return reject(raw, RejectedScan.Kind.SCANNER_SETUP, BarcodeDecoder.LAYOUT_MISMATCH, data);
    }
    String unspaced = data.stripLeading();
    if (unspaced.length() < data.length() && rules.isLabel(unspaced)) {
      // A label printed with a space before it: as a product it would be an unknown barcode,
      // and after a location label the scans would count where the counter no longer is.
      if (StationRules.startsWith(unspaced, rules.locationPrefix())) {
        refusedLocation = data;
      }
      return reject(raw, RejectedScan.Kind.BAD_READ, LABEL_WITH_SPACE, data);
    }
    return null;
  }

  private StationEvent onBadge(RawBytes raw, String badge) {
    if (badge.isBlank()) {
      return reject(raw, RejectedScan.Kind.BAD_READ, "empty badge", "");
    }
    if (!badge.equals(badge.strip())) {
      // Logged in so, every count would carry 'E0042 ', another counter than E0042.
      return reject(raw, RejectedScan.Kind.BAD_READ, BADGE_WITH_SPACE, "'" + badge + "'");
    }
    if (pendingQuantity >= 0) {
      return unusedQuantity(raw, "BADGE:" + badge);
    }
    if (!badge.equals(counter)) {
      // A count is voided by the counter who made it, never by the next one at the station.
      voidable.clear();
    }
    counter = badge;
    pendingQuantity = -1;
    return new StationEvent.CounterChanged(sequence, raw, badge);
  }

  private StationEvent onLocation(RawBytes raw, String code) {
    if (counter.isEmpty()) {
      return reject(raw, RejectedScan.Kind.PROCEDURE, "scan your badge first", code);
    }
    if (rules.locations().parse(code) == null || !code.equals(code.strip())) {
      refusedLocation = code;
      return reject(raw, RejectedScan.Kind.BAD_READ, "not a valid location code", code);
    }
    if (pendingQuantity >= 0) {
      return unusedQuantity(raw, code);
    }
    // Its label again may open a recount, where its pallets count anew: the zone, which knows
    // the rounds, refuses a pallet still held by a count; this station's memory is for the visit.
    palletsCounted.values().removeIf(r -> r.location().equals(code));
    // An answer still to come for a count of the visit before is not this visit's.
    palletsUnanswered.values().removeIf(r -> r.location().equals(code));
    String previous = location;
    int previousRecords = recordsAtLocation;
    if (!code.equals(location)) {
      // The same label again keeps what was scanned here: its close is not "found empty".
      recordsAtLocation = 0;
      visitFrom = sequence;
    }
    location = code;
    refusedLocation = "";
    pendingQuantity = -1;
    return new StationEvent.LocationOpened(sequence, raw, code, previous, previousRecords);
  }

  private StationEvent onQuantity(RawBytes raw, String digits, boolean appendDigit) {
    if (counter.isEmpty()) {
      return reject(raw, RejectedScan.Kind.PROCEDURE, "scan your badge first", digits);
    }
    if (location.isEmpty()) {
      // Kept, it would refuse the location label it waits before, and go unseen with the
      // product scan that label's refusal asks for, itself refused for want of a location.
      return reject(raw, RejectedScan.Kind.PROCEDURE, QUANTITY_BEFORE_LOCATION, digits);
    }
    boolean valid = !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')
        && (!appendDigit || digits.length() == 1) && digits.length() <= 18;
    if (!valid) {
      return reject(raw, RejectedScan.Kind.BAD_READ, "not a quantity", digits);
    }
    long q = Long.parseLong(digits);
    if (appendDigit) {
      q = (pendingQuantity < 0 ? 0 : pendingQuantity) * 10 + q;
    }
    if (q > rules.maxQuantity()) {
      pendingQuantity = -1;
      return reject(raw, RejectedScan.Kind.BAD_READ, "quantity above the station limit of "
          + rules.maxQuantity() + " \u2014 key it again", Long.toString(q));
    }
    // A quantity label while another waits replaces it (a digit adds to it): said, so that a
    // counter who keyed 3 and then 5 knows 5 counts, not 8 nor 35.
    long replaced = appendDigit ? -1 : pendingQuantity;
    pendingQuantity = q;
    return new StationEvent.QuantityPending(sequence, raw, q, replaced);
  }

  private StationEvent onControl(RawBytes raw, String command) {
    switch (command.toUpperCase(Locale.ROOT)) {
      case "VOID":
        return onVoid(raw);
      case "CLOSE":
        if (location.isEmpty()) {
          return reject(raw, RejectedScan.Kind.PROCEDURE, "no location open", "");
        }
        if (pendingQuantity >= 0) {
          return unusedQuantity(raw, "CTL:CLOSE");
        }
        String closed = location;
        location = "";
        pendingQuantity = -1;
        return new StationEvent.LocationClosed(sequence, raw, closed, recordsAtLocation);
      case "LOGOUT":
        if (counter.isEmpty()) {
          return reject(raw, RejectedScan.Kind.PROCEDURE, "nobody is logged in", "");
        }
        if (pendingQuantity >= 0) {
          return unusedQuantity(raw, "CTL:LOGOUT");
        }
        String who = counter;
        counter = "";
        location = "";
        refusedLocation = "";
        pendingQuantity = -1;
        voidable.clear();
        return new StationEvent.LoggedOut(sequence, raw, who);
      case "CLEAR":
        if (pendingQuantity < 0) {
          // Red like the other controls with nothing to act on ("nothing to void", "no
          // location open"): a green light would say a quantity was dropped.
          return reject(raw, RejectedScan.Kind.PROCEDURE, "nothing to clear: no quantity keyed",
              "");
        }
        pendingQuantity = -1;
        return new StationEvent.QuantityPending(sequence, raw, -1);
      default:
        return reject(raw, RejectedScan.Kind.BAD_READ, "unknown control code", command);
    }
  }

  /** Adds to a refused product's reason that the keyed quantity went with it, when one did. */
  private static String withKeyed(String reason, long keyed) {
    return keyed < 0 ? reason : reason + " (the keyed " + keyed + " went with it: key it again)";
  }

  /**
   * Refuses a label that would move on while a keyed quantity waits for its product: the
   * quantity stays for that product, never dropped unseen (CTL:CLEAR drops it).
   */
  private StationEvent unusedQuantity(RawBytes raw, String label) {
    return reject(raw, RejectedScan.Kind.PROCEDURE, "quantity " + pendingQuantity
        + " keyed and not used: scan its product, or CTL:CLEAR, then this label again", label);
  }

  private StationEvent onVoid(RawBytes raw) {
    CountRecord last = voidable.peekLast();
    if (last == null) {
      return reject(raw, RejectedScan.Kind.PROCEDURE, "nothing to void", "");
    }
    if (afterRefusal) {
      // A counter who voids right after a red light means the refused scan, which counted
      // nothing: taking back the good count before it would be a surprise found much later.
      StationEvent e = reject(raw, RejectedScan.Kind.PROCEDURE, "the last scan was refused and "
          + "counted nothing: nothing taken back; CTL:VOID again takes back " + last.quantity()
          + " " + last.unit() + " of " + last.sku() + " at " + last.location()
          // A count at a location closed since cannot be taken back (the zone refuses it).
          + (last.location().equals(location) ? "" : ", if that location is still open"), "");
      refused = false; // so that the next VOID does take it back
      return e;
    }
    voidable.pollLast();
    if (last.sscc() != null) {
      palletsCounted.remove(last.sscc(), last);
      palletsUnanswered.remove(last.sequence());
    }
    if (last.location().equals(location)) {
      recordsAtLocation--;
    }
    return new StationEvent.Voided(sequence, raw, last);
  }

  private StationEvent onProduct(RawBytes raw, DecodedBarcode b) {
    long keyed = pendingQuantity;
    pendingQuantity = -1;
    if (counter.isEmpty()) {
      return reject(raw, RejectedScan.Kind.PROCEDURE, "scan your badge first", b.data());
    }
    if (location.isEmpty()) {
      return reject(raw, RejectedScan.Kind.PROCEDURE, withKeyed("scan a location label first",
          keyed), b.data());
    }
    if (!refusedLocation.isEmpty()) {
      return reject(raw, RejectedScan.Kind.PROCEDURE, withKeyed("location label '"
          + refusedLocation + "' was refused: nothing counts until a valid location label",
          keyed), b.data());
    }
    Lookups tables = lookups.get();
    BarcodeTable.Resolution r = tables.barcodes().resolve(b);
    if (!r.ok() && r.error().startsWith(BarcodeTable.TWO_MEANINGS)) {
      // The light and the journal name both meanings: the supervisor settles the table.
      return reject(raw, RejectedScan.Kind.UNKNOWN_BARCODE, withKeyed(r.error(), keyed), "");
    }
    if (r.held() && keyed == 0) {
      // Zero of any unit is zero eaches, as reconcile reads a count row of 0: "none here" of
      // the SKU its row names, whatever is wrong with the row's unit.
      r = new BarcodeTable.Resolution(r.sku(), r.unit(), 1, false, null, null, r.unitWritten());
    } else if (r.held()) {
      // Its row is in the table but cannot be counted as written: held for the SKU, so the
      // line is flagged rather than closed without it.
      return reject(raw, RejectedScan.Kind.HELD, withKeyed(r.error(), keyed), "", r.sku());
    }
    if (!r.ok()) {
      boolean unknown = r.error().startsWith(BarcodeTable.UNKNOWN);
      BarcodeDecoder.SetupHint setup = unknown ? decoder.setupHint(b) : null;
      if (setup != null) {
        // Master data would otherwise get a row for '0115412345000010' as a new barcode.
        return reject(raw, setup.scanner() ? RejectedScan.Kind.SCANNER_SETUP
            : RejectedScan.Kind.UNKNOWN_BARCODE, withKeyed(setup.reason(), keyed),
            setup.detail());
      }
      return reject(raw, unknown ? RejectedScan.Kind.UNKNOWN_BARCODE
          : RejectedScan.Kind.BAD_READ, withKeyed(unknown ? "unknown barcode"
              : "label counts nothing", keyed), r.error());
    }
    String takesNoKeyed = b.sscc() != null ? "a pallet label" : b.serial() != null
        ? "a serialized unit" : null;
    if (r.needsKeyed() != null && takesNoKeyed != null) {
      // Its count comes neither from the label nor from a keyed quantity: asking for one would
      // only have it refused in turn, and the counter scanning round in a loop.
      return reject(raw, RejectedScan.Kind.PROCEDURE, withKeyed(r.needsKeyed() + ", and "
          + takesNoKeyed + " takes no keyed quantity: count what it holds", keyed), "SKU "
          + r.sku() + " unit " + r.unit(), r.sku());
    }
    if (b.sscc() != null) {
      if (keyed >= 0) {
        return reject(raw, RejectedScan.Kind.PROCEDURE, "a keyed quantity cannot apply to a "
            + "pallet label (the keyed " + keyed + " is dropped: scan the label alone)",
            "SSCC " + b.sscc());
      }
      CountRecord first = palletsCounted.get(b.sscc());
      if (first != null) {
        return reject(raw, RejectedScan.Kind.DUPLICATE, PALLET_COUNTED, "SSCC " + b.sscc()
            + " counted at " + first.location() + " as scan " + first.sequence());
      }
    }
    if (r.stated() && keyed >= 0) {
      // The label carries its count: a keyed 25 on a label of 25 would count 625.
      return reject(raw, RejectedScan.Kind.PROCEDURE, "a keyed quantity cannot apply to a "
          + "label that states its own count (the keyed " + keyed + " is dropped: scan the "
          + "label alone)", "label count " + r.quantity() + " " + r.unit() + " of " + r.sku());
    }
    if (r.needsKeyed() != null && keyed < 0) {
      return reject(raw, RejectedScan.Kind.PROCEDURE, r.needsKeyed() + ": key the count, then"
          + " scan it again", "SKU " + r.sku() + " unit " + r.unit(), r.sku());
    }
    if (r.stated() && r.quantity() > rules.maxQuantity()) {
      // A variable-length count with no separator after it takes the next field's digits
      // with it ((30)25 then (10)777 reads as 2510777): too many to be a count here.
      // LIMITATION: one that stays under the limit ((37)5, (10)12 reads 51012) counts: no rule
      // tells it from a real count.
      return reject(raw, RejectedScan.Kind.BAD_READ, "label count " + r.quantity()
          + " above the station limit of " + rules.maxQuantity() + " \u2014 a field after it may"
          + " have run into it: check the scanner's GS/FNC1 setting", "SKU " + r.sku() + " unit "
          + r.unit(), r.sku());
    }
    if (b.serial() != null && keyed >= 0) {
      // One serial is one unit: a keyed 3 would count a unit three times.
      return reject(raw, RejectedScan.Kind.PROCEDURE, "a keyed quantity cannot apply to a "
          + "serialized unit (the keyed " + keyed + " is dropped: scan the label alone)",
          "serial " + b.serial());
    }
    String lot = b.lot();
    Set<String> lots = tables.lotBook() == null ? null
        : tables.lotBook().lotsOnBook(location, r.sku());
    // A GS1 label of a SKU kept by lot there with no lot on it (or a lot the book does not have
    // there) cannot be told to the book's lots: held, so its line is recounted rather than
    // closed without it (F05). An EAN/UPC carries no lot at all: it counts, as the zone
    // compares per SKU, or a site whose lot-kept goods have no lot label could count none.
    boolean noLotOnALotLabel = lot == null && b.kind() == DecodedBarcode.Kind.GS1;
    if (byLot(lots) && (lot != null || noLotOnALotLabel) && !lots.contains(lot == null ? ""
        : lot)) {
      String why = lot == null ? LOT_MISSING : lotNotOnBook(lot, lots);
      return reject(raw, RejectedScan.Kind.HELD, withKeyed(why, keyed), "SKU " + r.sku()
          + (lot == null ? " with no lot" : " lot " + lot) + " at " + location + "; on book: "
          + String.join(", ", lots.stream().sorted().map(l -> l.isEmpty() ? "(no lot)" : l)
              .toList()), r.sku());
    }
    return accept(raw, b, r, keyed, tables.eaches());
  }

  /** Whether the book keeps the SKU by lot at the location ({@link LotBook#lotsOnBook}). */
  private static boolean byLot(Set<String> lots) {
    if (lots == null) {
      return false;
    }
    for (String l : lots) {
      if (!l.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Why a GS1 label with no lot of a SKU the book keeps by lot there is held. */
  static final String LOT_MISSING = "no lot \u2014 this SKU is kept by lot here: scan a label "
      + "with its lot (GS1, AI 10)";

  /**
   * Says why a scanned lot is not one the book has there, with the likely cause: a lot that
   * runs on past a book lot (or into a date AI) is the scanner's missing GS separator (F05);
   * one differing by letter case or leading zeros was keyed another way; any other is a lot
   * the book does not know, for a supervisor.
   */
  static String lotNotOnBook(String lot, Set<String> onBook) {
    boolean runsOn = RUN_ON_DATE.matcher(lot).matches();
    for (String b : onBook) {
      if (b.isEmpty()) {
        continue; // stock kept there with no lot: no spelling of this one
      }
      runsOn |= lot.length() > b.length() && lot.startsWith(b);
      if (b.equalsIgnoreCase(lot)) {
        return "lot not on book \u2014 on book as " + b + " (another letter case)";
      }
      if (KeyText.withoutLeadingZeros(b).equals(KeyText.withoutLeadingZeros(lot))) {
        return "lot not on book \u2014 on book as " + b + " (leading zeros differ)";
      }
    }
    return runsOn ? LOT_NOT_ON_BOOK : "lot not on book \u2014 a lot the book does not have here";
  }

  /** A lot ending in a date AI (11, 13, 15, 17 and YYMMDD): the GS before it was lost. */
  private static final java.util.regex.Pattern RUN_ON_DATE =
      java.util.regex.Pattern.compile(".+1[1357][0-9]{2}[01][0-9][0-3][0-9]");

  private StationEvent accept(RawBytes raw, DecodedBarcode b, BarcodeTable.Resolution r,
      long keyed, EachesTable eaches) {
    long quantity;
    try {
      quantity = keyed >= 0 ? Math.multiplyExact(keyed, r.quantity()) : r.quantity();
    } catch (ArithmeticException e) {
      return reject(raw, RejectedScan.Kind.BAD_READ, "quantity out of range", keyed + " x "
          + r.quantity());
    }
    OptionalLong inEaches = OptionalLong.empty();
    if (eaches != null) {
      long factor = eaches.factor(r.sku(), r.unit());
      if (factor == 0 && quantity == 0) {
        factor = 1; // zero of a unit with no factor is zero eaches, as in reconcile
      } else if (factor == 0) {
        // Named at the light: "this unit" left the installer to guess which row to add; and
        // as the barcode file writes it (PAL (read as PL)), or they look for PL in vain.
        return reject(raw, RejectedScan.Kind.HELD, withKeyed("no eaches-per-unit factor for "
            + "unit " + r.unitNamed() + " of SKU " + r.sku() + " in the UOM table", keyed), "",
            r.sku());
      }
      try {
        inEaches = OptionalLong.of(Math.multiplyExact(quantity, factor));
      } catch (ArithmeticException e) {
        return reject(raw, RejectedScan.Kind.BAD_READ, "quantity out of range",
            quantity + " x " + factor);
      }
    }
    String gtin = b.contentGtin() != null ? b.contentGtin() : b.gtin();
    CountRecord record = new CountRecord(station, zone, sequence, counter, location, r.sku(),
        r.unit(), quantity, inEaches, b.lot(), b.expiry(), b.serial(), b.sscc(), gtin,
        b.aimId(), raw);
    voidable.addLast(record);
    if (voidable.size() > VOIDABLE) {
      voidable.pollFirst(); // a station counting for weeks keeps its latest counts only
    }
    recordsAtLocation++;
    if (b.sscc() != null) {
      palletsUnanswered.put(sequence, record); // remembered once the zone has stored it
    }
    return new StationEvent.Counted(record);
  }

  /**
   * What the zone answered for a count this session emitted: {@code stored} only when it
   * acknowledged the count as durable. A stored pallet is then refused here when scanned again
   * in this visit; a refused count, a failed write, or no answer in time (the count may yet
   * be stored) leaves nothing remembered, so a repeat goes to the zone, whose once-per-round
   * rule refuses it if the first was stored after all. An answer for a count voided or left
   * behind by its location's label since is ignored.
   *
   * @param sequence the count's scan number ({@link CountRecord#sequence()})
   */
  public void onCountAnswered(long sequence, Answer answer) {
    CountRecord record = palletsUnanswered.remove(sequence);
    if (record != null && answer == Answer.STORED) {
      palletsCounted.put(record.sscc(), record);
    }
    if (answer == Answer.REFUSED) {
      if (sequence == this.sequence) {
        refused = true; // its red light is the last one: a VOID now means it, as at the station
      }
      // Counted nothing: not the count a VOID takes back, nor one that makes its location's
      // close more than "found empty".
      for (java.util.Iterator<CountRecord> i = voidable.descendingIterator(); i.hasNext(); ) {
        CountRecord r = i.next();
        if (r.sequence() == sequence) {
          i.remove();
          if (r.location().equals(location) && sequence > visitFrom) {
            recordsAtLocation--;
          }
          break;
        }
      }
    }
  }

  /** What a zone answered for a count. */
  public enum Answer {
    /** Acknowledged as durable. */
    STORED,
    /** Refused, or its write failed: not stored. */
    REFUSED,
    /** No answer in time: it may yet be stored. */
    UNKNOWN
  }

  private StationEvent reject(RawBytes raw, RejectedScan.Kind kind, String reason,
      String detail) {
    return reject(raw, kind, reason, detail, "");
  }

  /** Refuses the frame, keeping the SKU it named (or "" for none). */
  private StationEvent reject(RawBytes raw, RejectedScan.Kind kind, String reason,
      String detail, String sku) {
    refused = true;
    return new StationEvent.Rejected(new RejectedScan(station, zone, sequence, counter,
        location, kind, reason, detail, raw, sku));
  }
}
