package io.dockcount.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's station activity, kept up to date from the journal's newest records only. */
final class ConsoleQueriesStationsTest {
  @TempDir Path dir;
  private long seq;

  /** Journals a record of {@code station} at {@code wall}. */
  private void record(Connection c, String station, String kind, OffsetDateTime wall)
      throws Exception {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO count_record (seq, kind, zone, "
        + "station, counter, location, sku, unit, qty, eaches, lot, raw, station_seq, round, "
        + "snapshot_id, wall, clock_synced) VALUES (?, ?, 'A', ?, 'ana', 'A-01', 'S1', 'EA', 1, "
        + "1, '', 'x', ?, 0, 1, ?, 'yes')")) {
      seq++;
      Sql.setAll(ps, seq, kind, station, seq, wall);
      ps.executeUpdate();
    }
  }

  @Test
  void stations_readAgainAfterMoreScans_totalsAndLastMinuteAsAWholeReadGivesThem()
      throws Exception {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC)
        .truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as H2 keeps it
    try (Store store = Store.open(StoreSettings.under(dir));
        Connection c = DriverManager.getConnection(Store.url(store.settings().path()), "sa",
            "")) {
      ConsoleQueries queries = new ConsoleQueries(store);
      record(c, "DOCK-1", "COUNT", now.minusMinutes(10));
      record(c, "DOCK-1", "COUNT", now.minusSeconds(20));
      record(c, "DOCK-2", "COUNT", now.minusMinutes(3));
      record(c, "DOCK-2", "VOID", now.minusSeconds(10));

      List<ConsoleQueries.StationActivity> first = queries.stations(now.minusMinutes(1));

      assertEquals(List.of(new ConsoleQueries.StationActivity("DOCK-1", 2, 1,
              now.minusSeconds(20)), new ConsoleQueries.StationActivity("DOCK-2", 1, 0,
              now.minusMinutes(3))), first);

      record(c, "DOCK-2", "COUNT", now.minusSeconds(5));
      record(c, "DOCK-3", "COUNT", now.minusSeconds(1));
      record(c, "DOCK-1", "COUNT", now.minusMinutes(2)); // a late commit of an older scan

      List<ConsoleQueries.StationActivity> second = queries.stations(now.minusMinutes(1));

      assertEquals(List.of(new ConsoleQueries.StationActivity("DOCK-1", 3, 1,
              now.minusSeconds(20)), new ConsoleQueries.StationActivity("DOCK-2", 2, 1,
              now.minusSeconds(5)), new ConsoleQueries.StationActivity("DOCK-3", 1, 1,
              now.minusSeconds(1))), second);
      assertEquals(second, new ConsoleQueries(store).stations(now.minusMinutes(1)),
          "the same as a first read of the whole journal");
    }
  }
}
