package io.dockcount.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.store.AlertOutbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The digest's wording: top items by value, then how many more, within the length. */
final class AlertPolicyTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private static AlertOutbox.Folded item(int i, String value) {
    return new AlertOutbox.Folded(i, "sms", AlertTestConfig.PHONE, "A",
        String.format("A-01-%02d-A", i), "SKU" + i, "", value == null ? null
            : new BigDecimal(value), 1);
  }

  @Test
  void digest_showsTheTopByValue_thenHowManyMore() {
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings("digest.top = 2"));
    List<AlertOutbox.Folded> items = List.of(item(1, "10.00"), item(2, null),
        item(3, "300.5"), item(4, "45"));

    AlertOutbox.NewDelivery d = policy.digest("A", "sms", AlertTestConfig.PHONE, 7, items, NOW);

    assertEquals("dockcount zone A: 4 to recount: A-01-03-A SKU3 300.50; A-01-04-A SKU4 45.00; "
        + "+2 more", d.body());
    assertEquals("digest|sms|" + AlertTestConfig.PHONE + "|A|7", d.dedupKey());
  }

  @Test
  void digest_staysWithinItsLength() {
    AlertPolicy policy = new AlertPolicy(AlertTestConfig.settings(
        "digest { top = 50, max-chars = 120 }"));
    List<AlertOutbox.Folded> items = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      items.add(item(i, i + ".00"));
    }

    String body = policy.digest("A", "sms", AlertTestConfig.PHONE, 7, items, NOW).body();

    assertTrue(body.length() <= 120, body.length() + ": " + body);
    assertTrue(body.startsWith("dockcount zone A: 30 to recount: A-01-30-A SKU30 30.00; "), body);
    assertTrue(body.endsWith(" more"), body);
  }
}
