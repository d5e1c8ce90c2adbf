package io.dockcount.core.barcode;

/**
 * The AIM symbology identifier a scanner can put before the data ({@code ]C1}, {@code ]E0}, ...).
 *
 * <p>The identifier is three characters: {@code ]}, a code character naming the symbology and
 * a modifier. The ones that mean "GS1 element string follows" are {@code ]C1} (GS1-128),
 * {@code ]e0} (GS1 DataBar), {@code ]d2} (GS1 DataMatrix), {@code ]Q3} (GS1 QR Code) and
 * {@code ]J1} (GS1 DotCode). {@code ]E0} is EAN-13 or UPC-A, {@code ]E4} EAN-8, {@code ]E3}
 * EAN/UPC with an add-on.
 *
 * @param id the three-character identifier, or an empty string when the scanner sent none
 * @param data what follows the identifier
 */
public record AimId(String id, String data) {
  /** The AIM code characters this class knows, with the symbology each names. */
  private static final String KNOWN_CODES = "ACEFGHIJLMNQRSXdeoz";

  /**
   * Splits {@code text} into identifier and data. Text not starting with {@code ]} has no
   * identifier. Returns null when the text starts with {@code ]} but no well-formed identifier
   * follows (caller rejects it).
   */
  public static AimId split(String text) {
    if (text.isEmpty() || text.charAt(0) != ']') {
      return new AimId("", text);
    }
    if (text.length() < 3) {
      return null;
    }
    char code = text.charAt(1);
    char modifier = text.charAt(2);
    boolean modifierOk = (modifier >= '0' && modifier <= '9') || (modifier >= 'A'
        && modifier <= 'Z') || (modifier >= 'a' && modifier <= 'z');
    if (KNOWN_CODES.indexOf(code) < 0 || !modifierOk) {
      return null;
    }
    return new AimId(text.substring(0, 3), text.substring(3));
  }

  /** Returns true when the scanner sent an identifier. */
  public boolean present() {
    return !id.isEmpty();
  }

  /** Returns true when the identifier says the data is a GS1 element string. */
  public boolean isGs1() {
    return id.equals("]C1") || id.equals("]e0") || id.equals("]d2") || id.equals("]Q3")
        || id.equals("]J1");
  }

  /** Returns true for an EAN/UPC identifier ({@code ]E} and any modifier). */
  public boolean isEanUpc() {
    return id.startsWith("]E");
  }

  /** Returns a readable symbology name for reports. */
  public String symbologyName() {
    if (!present()) {
      return "unknown (no AIM id)";
    }
    return switch (id.substring(0, 2)) {
      case "]A" -> "Code 39";
      case "]C" -> id.equals("]C1") ? "GS1-128" : "Code 128";
      case "]E" -> id.equals("]E4") ? "EAN-8" : "EAN/UPC";
      case "]F" -> "Codabar";
      case "]G" -> "Code 93";
      case "]I" -> "Interleaved 2 of 5";
      case "]L" -> "PDF417";
      case "]Q" -> id.equals("]Q3") ? "GS1 QR Code" : "QR Code";
      case "]d" -> id.equals("]d2") ? "GS1 DataMatrix" : "Data Matrix";
      case "]e" -> "GS1 DataBar";
      case "]J" -> "DotCode";
      case "]z" -> "Aztec";
      default -> "AIM " + id;
    };
  }
}
