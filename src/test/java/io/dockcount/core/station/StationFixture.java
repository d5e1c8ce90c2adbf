package io.dockcount.core.station;

import io.dockcount.core.Symbols;
import io.dockcount.core.UomTable;
import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.Framer;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The made-up master data of the field reports, and a framer + session to feed bytes to. */
final class StationFixture {
  static final String BARCODES = """
      barcode,sku,uom
      05412345000013,00913,EA
      15412345000010,00913,CS
      95412345000016,00913,EA
      00012345678905,0012345,EA
      55123457,8800,EA
      8594156270087,5501,EA
      012345000065,7700,EA
      04210016,7710,EA
      042100001006,7711,EA
      """;

  final Symbols skus = new Symbols();
  final UomTable uom = new UomTable();
  final BarcodeTable table;
  final Framer framer;
  final StationSession session;
  private StationSession.Answer zoneAnswer = StationSession.Answer.STORED;

  StationFixture(LotBook lotBook, Framer.Terminator... terminators) {
    framer = terminators.length == 0 ? Framer.crLf()
        : new Framer(java.util.EnumSet.copyOf(java.util.List.of(terminators)), 512);
    BarcodeTable.Loaded loaded = BarcodeTable.read(new StringReader(BARCODES));
    if (!loaded.errors().isEmpty()) {
      throw new IllegalStateException(loaded.errors().toString());
    }
    table = loaded.table();
    for (String sku : List.of("00913", "0012345", "8800", "5501")) {
      skus.intern(sku);
    }
    uom.put(skus.find("00913"), uom.unitId("CS"), 12);
    session = new StationSession("DOCK-3", "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), table, EachesTable.snapshot(uom, skus), lotBook);
  }

  StationFixture() {
    this(null);
  }

  /**
   * What the zone answers for each count fed from now on, as the station link tells the
   * session (stored by default), or nothing yet ({@code null}).
   */
  StationFixture zoneAnswers(StationSession.Answer answer) {
    this.zoneAnswer = answer;
    return this;
  }

  /** Logs in and opens a location, returning the fixture. */
  StationFixture at(String location) {
    feed("BADGE:E042\r", "LOC:" + location + "\r");
    return this;
  }

  /** Feeds reads (ISO-8859-1 for control bytes, UTF-8 above 0xFF) and returns the events. */
  List<StationEvent> feed(String... reads) {
    List<StationEvent> events = new ArrayList<>();
    for (String read : reads) {
      byte[] b = read.getBytes(StandardCharsets.UTF_8);
      for (Framer.Output o : framer.accept(b, 0, b.length)) {
        StationEvent e = o instanceof Framer.BadFrame bad
            ? session.onBadFrame(bad.raw(), bad.reason()) : session.onFrame(o.raw());
        if (e instanceof StationEvent.Counted c && zoneAnswer != null) {
          session.onCountAnswered(c.record().sequence(), zoneAnswer);
        }
        events.add(e);
      }
    }
    return events;
  }

  static List<CountRecord> counted(List<StationEvent> events) {
    return events.stream().filter(e -> e instanceof StationEvent.Counted)
        .map(e -> ((StationEvent.Counted) e).record()).toList();
  }

  static RejectedScan rejected(StationEvent e) {
    if (e instanceof StationEvent.Rejected r) {
      return r.scan();
    }
    throw new AssertionError("expected a rejection, got " + e);
  }
}
