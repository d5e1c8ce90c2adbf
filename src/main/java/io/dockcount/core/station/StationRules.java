package io.dockcount.core.station;

import io.dockcount.core.LocationScheme;
import io.dockcount.core.barcode.AimId;
import io.dockcount.core.barcode.BarcodeDecoder;
import java.util.Objects;

/**
 * How a station recognises its own labels, all by prefix of the scanned text in any letter
 * case: badges ({@code BADGE:E0042}), location labels ({@code LOC:A-01-02}, the code checked
 * by a {@link LocationScheme}), quantities ({@code QTY:12}), single digits from a control
 * sheet ({@code DIG:7}, appended to the pending quantity) and control codes
 * ({@code CTL:VOID}, {@code CTL:CLOSE}, {@code CTL:LOGOUT}, {@code CTL:CLEAR}).
 *
 * @param maxQuantity the largest quantity a counter may key, a guard against a misread or a
 *     product barcode read as a quantity
 */
public record StationRules(String badgePrefix, String locationPrefix, LocationScheme locations,
    String quantityPrefix, String digitPrefix, String controlPrefix, long maxQuantity) {

  public StationRules {
    Objects.requireNonNull(locations, "locations");
    for (String p : new String[] {badgePrefix, locationPrefix, quantityPrefix, digitPrefix,
        controlPrefix}) {
      if (p == null || p.isEmpty()) {
        throw new IllegalArgumentException("every label prefix must be set");
      }
    }
    if (maxQuantity < 1) {
      throw new IllegalArgumentException("maxQuantity must be positive: " + maxQuantity);
    }
  }

  /**
   * Returns why a barcode row of master data can never count a product here, or null: text
   * that starts with one of these label prefixes is read as that label when scanned.
   */
  public String shadowedBarcode(String barcode) {
    for (String p : new String[] {badgePrefix, locationPrefix, quantityPrefix, digitPrefix,
        controlPrefix}) {
      if (startsWith(barcode, p)) {
        return "barcode " + barcode + " starts with the station label prefix " + p + ": a scan"
            + " of it is read as that label, never as a product";
      }
    }
    return null;
  }

  /** Returns whether {@code text} starts with one of these label prefixes, in any case. */
  public boolean isLabel(String text) {
    for (String p : new String[] {badgePrefix, locationPrefix, quantityPrefix, digitPrefix,
        controlPrefix}) {
      if (startsWith(text, p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the label behind an AIM identifier whose {@code ]} a non-US keyboard layout typed
   * as {@code +} or {@code $} ({@code +C0LOC:A-01-02}), or null: such a scan is the scanner's
   * fault, as a product's is, and no unknown barcode.
   */
  public String labelBehindLayout(String text) {
    String aimed = BarcodeDecoder.withLayoutBracket(text);
    AimId aim = aimed == null ? null : AimId.split(aimed);
    return aim != null && isLabel(aim.data()) ? aim.data() : null;
  }

  /**
   * Returns whether {@code text} starts with the label {@code prefix} in any letter case: a
   * scanner set to convert case sends {@code loc:} for the sheet's {@code LOC:}.
   */
  public static boolean startsWith(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  /** The prefixes above, dash-separated locations, quantities up to 99999. */
  public static StationRules defaults() {
    return new StationRules("BADGE:", "LOC:", LocationScheme.dashed(), "QTY:", "DIG:", "CTL:",
        99_999);
  }
}
