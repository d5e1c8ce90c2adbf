package io.dockcount.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockcount.alert.Alert;
import io.dockcount.core.LocationScheme;
import io.dockcount.store.ConsoleQueries;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recount alert a supervisor re-sends from the console. */
final class RecountAlertsTest {
  private static ConsoleQueries.Task task(String location, String status, Long book,
      Long variance, String value, String reason) {
    return new ConsoleQueries.Task(7, location.substring(0, 1), location, "0777", 1, "OPEN",
        book, variance == null ? null : book + variance, variance,
        value == null ? null : new BigDecimal(value), reason, OffsetDateTime.now(), status, "");
  }

  private static Alert resent(ConsoleQueries.Task task) {
    List<Alert> raised = new ArrayList<>();
    RecountAlerts.raising(raised::add, LocationScheme.dashed()).resend(task, "sup-ana")
        .toCompletableFuture().join();
    assertEquals(1, raised.size());
    return raised.get(0);
  }

  @Test
  void resent_namesAisleBayAndLevel_likeEveryOtherAlert() {
    Alert a = resent(task("B-01-03-A", "over", 10L, 6L, "240.00", "over value 240.00 >= 50.00"));

    assertEquals("ALERT (re-sent by sup-ana) zone B aisle 01 bay 03 level A (B-01-03-A) sku 0777 "
        + "over +6 EA value 240.00: over value 240.00 >= 50.00", a.line());
    assertEquals(List.of("B", "01", "03", "A"), List.of(a.zone(), a.aisle(), a.bay(), a.level()));
  }

  @Test
  void resent_lineNobodyCounted_saysSoInsteadOfAVariance() {
    Alert a = resent(task("B-02", "missing", 7L, null, null, "zone closed: not counted"));

    assertEquals("ALERT (re-sent by sup-ana) zone B aisle 02 bay - level - (B-02) sku 0777 "
        + "missing book 7 EA, not counted: zone closed: not counted", a.line());
  }
}
