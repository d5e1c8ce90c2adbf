package io.dockcount.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.barcode.AimId;
import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.DecodedBarcode;
import io.dockcount.core.barcode.Framer;
import io.dockcount.core.barcode.Gs1Element;
import io.dockcount.core.barcode.RawBytes;
import io.dockcount.core.station.StationRules;
import io.dockcount.core.station.StationSession;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Describes each frame a scanner sends as one line of JSON, for {@code dockcount scan-check}:
 * what the station would make of it, without a counter, a location or a zone.
 *
 * <p>Every object has {@code n} (the frame's number), {@code kind} ({@code item},
 * {@code location}, {@code control} or {@code rejected}) and {@code raw} (the bytes, printable
 * ASCII as is and anything else as {@code \xHH}, so GS shows as {@code \x1d}). Decoded scans add
 * {@code aim} and {@code symbology}; GTINs add {@code gtin} (14 digits); GS1 element strings and
 * GS1 Digital Link URIs add {@code ais}, an object keyed by AI code with the values as text, in
 * symbol order (a link's in the order of its key, path qualifiers, then query). With a
 * barcode table an item adds {@code sku}, {@code uom} and {@code qty}; without one an item is
 * only decoded. A location adds {@code location} and its {@code zone}; a control label adds
 * {@code control} ({@code BADGE}, {@code QTY}, {@code DIG} or the control word) and
 * {@code value}. A rejection adds {@code reason}, the same text the station would record, and
 * keeps whatever was decoded before the refusal (a GTIN the table does not know, say).
 *
 * <p>Immutable and thread-safe; the JSON is written by Jackson's streaming generator (already on
 * the classpath through Flyway), so escaping is Jackson's.
 */
public final class FrameReport {
  private static final JsonFactory JSON = new JsonFactory();

  private final BarcodeDecoder decoder;
  private final BarcodeTable table;
  private final StationRules rules;

  /**
   * @param table the barcode table, or null to decode only
   */
  public FrameReport(BarcodeDecoder decoder, BarcodeTable table, StationRules rules) {
    this.decoder = decoder;
    this.table = table;
    this.rules = rules;
  }

  /** Returns the JSON line (no newline) for one output of the framer. */
  public String describe(long n, Framer.Output frame) {
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("n", n);
      if (frame instanceof Framer.BadFrame bad) {
        rejected(g, frame.raw(), bad.reason());
      } else {
        frame(g, frame.raw());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string", e);
    }
    return out.toString();
  }

  private void frame(JsonGenerator g, RawBytes raw) throws IOException {
    String text = raw.strictUtf8();
    if (text == null) {
      rejected(g, raw, StationSession.NOT_TEXT);
      return;
    }
    BarcodeDecoder.Result decoded = decoder.decode(text);
    // A scan that reads two ways is the one reading the barcode table lists, as at a station.
    DecodedBarcode b = table == null ? decoded.barcode() : table.reading(decoded);
    if (b == null) {
      rejected(g, raw, table == null ? decoded.error() : table.refusal(decoded));
      return;
    }
    if (b.kind() == DecodedBarcode.Kind.TEXT && label(g, raw, b)) {
      return;
    }
    item(g, raw, b);
  }

  /** Writes a station label (location, badge, quantity, control); false if it is none. */
  private boolean label(JsonGenerator g, RawBytes raw, DecodedBarcode b) throws IOException {
    String data = b.data();
    if (StationRules.startsWith(data, rules.locationPrefix())) {
      String code = data.substring(rules.locationPrefix().length());
      LocationScheme.Parts parts = code.equals(code.strip()) ? rules.locations().parse(code)
          : null;
      if (parts == null) {
        rejected(g, raw, "not a valid location code: '" + code + "'");
      } else {
        head(g, "location", raw, b);
        g.writeStringField("location", code);
        g.writeStringField("zone", parts.zone());
      }
      return true;
    }
    String[][] prefixes = {{rules.badgePrefix(), "BADGE"}, {rules.quantityPrefix(), "QTY"},
        {rules.digitPrefix(), "DIG"}};
    for (String[] p : prefixes) {
      if (StationRules.startsWith(data, p[0])) {
        control(g, raw, b, p[1], data.substring(p[0].length()));
        return true;
      }
    }
    if (StationRules.startsWith(data, rules.controlPrefix())) {
      String word = data.substring(rules.controlPrefix().length()).toUpperCase(Locale.ROOT);
      switch (word) {
        case "VOID", "CLOSE", "LOGOUT", "CLEAR" -> control(g, raw, b, word, null);
        default -> rejected(g, raw, "unknown control code '" + word + "'");
      }
      return true;
    }
    if (rules.labelBehindLayout(data) != null) {
      rejected(g, raw, BarcodeDecoder.LAYOUT_MISMATCH);
      return true;
    }
    String unspaced = data.stripLeading();
    if (unspaced.length() < data.length() && rules.isLabel(unspaced)) {
      rejected(g, raw, StationSession.LABEL_WITH_SPACE); // as at a station: never a product
      return true;
    }
    return false;
  }

  private void control(JsonGenerator g, RawBytes raw, DecodedBarcode b, String control,
      String value) throws IOException {
    boolean quantity = control.equals("QTY") || control.equals("DIG");
    if (quantity && !validQuantity(value, control.equals("DIG"))) {
      rejected(g, raw, "not a quantity: '" + value + "'");
      return;
    }
    if (control.equals("BADGE") && value.isBlank()) {
      rejected(g, raw, "empty badge");
      return;
    }
    if (control.equals("BADGE") && !value.equals(value.strip())) {
      rejected(g, raw, StationSession.BADGE_WITH_SPACE + ": '" + value + "'");
      return;
    }
    head(g, "control", raw, b);
    g.writeStringField("control", control);
    if (value != null) {
      g.writeStringField("value", value);
    }
  }

  private boolean validQuantity(String digits, boolean single) {
    return !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')
        && (!single || digits.length() == 1) && digits.length() <= 18
        && Long.parseLong(digits) <= rules.maxQuantity();
  }

  private void item(JsonGenerator g, RawBytes raw, DecodedBarcode b) throws IOException {
    BarcodeTable.Resolution r = table == null ? null : table.resolve(b);
    boolean ok = r == null || r.ok();
    head(g, ok ? "item" : "rejected", raw, b);
    if (!ok) {
      BarcodeDecoder.SetupHint setup = r.error().startsWith(BarcodeTable.UNKNOWN)
          ? decoder.setupHint(b) : null;
      g.writeStringField("reason", setup == null ? r.error()
          : setup.reason() + ": " + setup.detail());
    }
    String gtin = b.contentGtin() != null ? b.contentGtin() : b.gtin();
    if (gtin != null) {
      g.writeStringField("gtin", gtin);
    }
    if (b.kind() == DecodedBarcode.Kind.GS1) {
      g.writeObjectFieldStart("ais");
      for (Gs1Element e : b.elements()) {
        g.writeStringField(e.ai(), e.value());
      }
      g.writeEndObject();
    } else if (b.kind() == DecodedBarcode.Kind.TEXT) {
      g.writeStringField("text", b.data());
    }
    if (r != null && r.ok()) {
      g.writeStringField("sku", r.sku());
      g.writeStringField("uom", r.unit());
      g.writeNumberField("qty", r.quantity());
    }
  }

  private static void head(JsonGenerator g, String kind, RawBytes raw, DecodedBarcode b)
      throws IOException {
    g.writeStringField("kind", kind);
    g.writeStringField("raw", raw.escaped());
    g.writeStringField("aim", b.aimId());
    g.writeStringField("symbology", symbology(b));
  }

  private static void rejected(JsonGenerator g, RawBytes raw, String reason)
      throws IOException {
    g.writeStringField("kind", "rejected");
    g.writeStringField("raw", raw.escaped());
    g.writeStringField("reason", reason);
  }

  private static String symbology(DecodedBarcode b) {
    if (!b.aimId().isEmpty()) {
      String name = new AimId(b.aimId(), b.data()).symbologyName();
      return b.digitalLink() ? name + ", GS1 Digital Link" : name;
    }
    return switch (b.kind()) {
      case GS1 -> b.digitalLink() ? "GS1 Digital Link (no AIM id)"
          : "GS1 (no AIM id, leading GS)";
      case GTIN -> "GTIN (no AIM id)";
      case TEXT -> "text (no AIM id)";
    };
  }
}
