package io.dockcount.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the demo's scans into the text frames a programmed scanner sends: badge and location
 * labels, quantity labels, EAN-13 with {@code ]E0}, GS1-128 with {@code ]C1} (AI 01, 10, 17,
 * 30, and a pallet label with AI 00, 02 and 37), GS1 QR with {@code ]Q3}, VOID and CLOSE. Which
 * form a scan takes depends only on its place in the script, so runs are repeatable.
 */
final class DemoScripts {
  static final String GS = "\u001d";
  /** A pallet label (SSCC) is used at this location, whose count is right the first time. */
  static final String PALLET_LOCATION = "A-01-01-A";
  static final String TORN_LABEL = "LOC:A--07";
  static final String UNKNOWN_EAN = "]E04006381333931";

  private DemoScripts() {}

  /** The frames of one station's first count of its zone. */
  static List<String> first(int station, List<DemoData.LocationScript> zone) {
    List<String> frames = new ArrayList<>();
    frames.add("BADGE:E10" + station);
    if (station == 1) {
      frames.add(TORN_LABEL); // a torn or mistyped location label: refused, nothing counted
    }
    for (DemoData.LocationScript script : zone) {
      frames.add("LOC:" + script.location());
      int i = 0;
      for (DemoData.Scan scan : script.first()) {
        frames.addAll(encode(scan, script.location(), i++));
      }
      if (station == 2 && script == zone.get(0)) {
        frames.add(UNKNOWN_EAN); // a product the barcode table does not know
        DemoData.Scan any = script.first().get(0);
        frames.add("]E0" + DemoData.gtin(any.sku(), "EA").substring(1)); // one too many...
        frames.add("CTL:VOID"); // ...taken back
      }
      frames.add("CTL:CLOSE");
    }
    return frames;
  }

  /** The frames of a recount, by another counter, of the locations asked for. */
  static List<String> recount(int station, List<DemoData.LocationScript> locations) {
    List<String> frames = new ArrayList<>();
    frames.add("BADGE:E20" + station);
    for (DemoData.LocationScript script : locations) {
      frames.add("LOC:" + script.location());
      int i = 0;
      for (DemoData.Scan scan : script.recount()) {
        frames.addAll(encode(scan, script.location(), i++));
      }
      frames.add("CTL:CLOSE");
    }
    return frames;
  }

  /** One scan as one or two frames (a quantity label, then the product). */
  static List<String> encode(DemoData.Scan scan, String location, int index) {
    String ea = DemoData.gtin(scan.sku(), "EA");
    String cs = DemoData.gtin(scan.sku(), "CS");
    long q = scan.qty();
    switch (scan.unit()) {
      case "PL":
        return List.of("]C101" + DemoData.gtin(scan.sku(), "PL"));
      case "CS":
        if (location.equals(PALLET_LOCATION)) {
          return List.of("]C100" + sscc(scan.sku()) + "02" + cs + "37" + q);
        }
        String caseLabel = index % 2 == 0 ? "]C101" + cs
            : "]C101" + cs + "10LOT" + scan.sku() + GS + "17291231";
        return q == 1 ? List.of(caseLabel) : List.of("QTY:" + q, caseLabel);
      case "EA":
        if (q == 1) {
          return List.of("]E0" + ea.substring(1));
        }
        return switch (index % 3) {
          case 0 -> List.of("QTY:" + q, "]C101" + ea);
          case 1 -> List.of("QTY:" + q, "]E0" + ea.substring(1));
          default -> List.of("QTY:" + q, "]Q301" + ea);
        };
      default:
        throw new IllegalArgumentException("no demo label for unit " + scan.unit());
    }
  }

  /** A valid SSCC for a pallet of the SKU: extension 3, prefix 5412345, serial, check. */
  private static String sscc(String sku) {
    String body = "35412345" + "0000" + sku;
    return body + io.dockcount.core.barcode.Gtin.checkDigit(body, body.length());
  }
}
