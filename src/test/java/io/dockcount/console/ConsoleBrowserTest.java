package io.dockcount.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in a real headless Chromium: a supervisor logs in, watches zone A's progress move
 * as scans arrive through the router, closes the zone from its page and sees the missing line.
 * The overview is kept as {@code target/console-overview.png} (copied to docs/).
 */
final class ConsoleBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void login_watchProgress_closeZone_seeMissingLines(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Chromium.BINARY), "skipped: " + Chromium.BINARY
        + " is not installed (apt-get install chromium; .ci/run installs it)");
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    try (ConsoleFixture f = new ConsoleFixture(dir.resolve("service"), "{}");
        Chromium browser = Chromium.start(profile)) {
      browser.navigate(f.base + "/");
      browser.await("!document.getElementById('login').hidden", WAIT);
      browser.type("#login-user", ConsoleFixture.USER);
      browser.type("#login-password", ConsoleFixture.PASSWORD);
      browser.click("#login-form button[type=submit]");
      String card = "document.querySelector('.zone-card[data-zone=\"A\"]')";
      browser.await(card + ".querySelector('.counted').textContent === '0 of 3 locations'",
          WAIT);
      String unvaluedLabel = labelLines(browser);

      f.count("A-01-01-A", "0100", 10);
      f.count("A-01-02-A", "0200", 1);
      browser.await(card + ".textContent.includes('2 being counted')", WAIT);
      f.closeLocation("A-01-01-A");
      browser.await(card + ".querySelector('.counted').textContent === '1 of 3 locations'",
          WAIT);
      String width = browser.eval(card + ".querySelector('.progress > div').style.width")
          .asText();

      browser.eval("location.hash = '#zone/A'");
      browser.await("document.querySelectorAll('#zone-locations tbody tr').length === 3", WAIT);
      browser.click("#close-zone");
      browser.click("#close-zone-confirm");
      browser.await("document.querySelector('#zone-lines tr[data-status=missing]')", WAIT);
      String missing = browser.eval(
          "document.querySelector('#zone-lines tr[data-status=missing]').innerText").asText();
      String result = browser.eval("document.getElementById('zone-result').textContent")
          .asText();
      browser.await("document.getElementById('zone-summary').textContent.includes('1 run')",
          WAIT);
      String summary = browser.eval("document.getElementById('zone-summary').textContent")
          .asText();

      f.count("B-01-01-A", "0100", 2);
      f.count("B-01-01-A", "0400", 1); // off book, and 0400 has no cost
      int closedB = f.post("/api/zones/B/close", "", "Authorization",
          "Bearer " + ConsoleFixture.TOKEN).statusCode();
      browser.eval("location.hash = '#overview'");
      browser.await(card + ".textContent.includes('variance 300.00')"
          + " && document.querySelectorAll('#chart-zones rect').length === 2"
          + " && document.querySelectorAll('#chart-history polyline').length === 2", WAIT);
      String axis = browser.eval("document.querySelector('#chart-history text').textContent")
          .asText();
      // Which line is which zone: each legend name drawn in its line's colour, not in ink.
      String legend = browser.eval("Array.from(document.querySelectorAll('#chart-history "
          + "text[fill]')).map(t => t.textContent + ' ' + getComputedStyle(t).fill).join('; ')"
          + " + ' / ' + Array.from(document.querySelectorAll('#chart-history polyline'))"
          + ".map(l => getComputedStyle(l).stroke).join('; ')").asText();
      browser.screenshot(Path.of("target", "console-overview.png"));
      String desktopLabels = labelLines(browser);
      browser.tablet();
      String tabletLabels = labelLines(browser);
      browser.eval("location.hash = '#recounts'");
      // A's variance, A's line nobody counted (zone closed), B's short line and B's 0400.
      browser.await("document.querySelectorAll('#recount-table tr[data-task]').length === 4",
          WAIT);
      String first = browser.eval("document.querySelector('#recount-table tr[data-task]')"
          + ".cells[5].textContent").asText();
      int buttons = browser.eval("document.querySelectorAll('#recount-table tbody button')"
          + ".length").asInt();
      String values = browser.eval("Array.from(document.querySelectorAll("
          + "'#recount-table tr[data-task]')).map(r => r.cells[5].textContent + ' '"
          + " + r.cells[9].textContent).join('; ')").asText();
      browser.screenshot(Path.of("target", "console-recounts-tablet.png"));
      // From one zone's page to another's and back: each drawn with its own lines, although
      // the polls in between are answered 304 (nothing changed).
      String firstLocation = "document.querySelector('#zone-locations tbody tr td').textContent";
      browser.eval("location.hash = '#zone/B'");
      browser.await(firstLocation + ".startsWith('B-')", WAIT);
      Thread.sleep(2_500); // a poll or more of the same zone
      browser.eval("location.hash = '#zone/A'");
      browser.await(firstLocation + ".startsWith('A-')", WAIT);
      String zoneName = browser.eval("document.getElementById('zone-name').textContent")
          .asText();
      List<String> requested = browser.requested();

      // Each card's variance label on one line, never "-" wrapped under the text beside it.
      assertEquals("A variance - 1; B variance - 1", unvaluedLabel);
      assertEquals("A variance 300.00 1; B variance 5.00 (+1 line not valued) 1",
          desktopLabels);
      assertEquals(desktopLabels, tabletLabels, "on the tablet too");
      assertEquals("33%", width);
      assertEquals("300.00", axis, "the value axis reads as money");
      assertEquals("A rgb(58, 120, 195); B rgb(178, 106, 0) / rgb(58, 120, 195); "
          + "rgb(178, 106, 0)", legend);
      assertEquals("A", zoneName);
      assertEquals(200, closedB);
      assertEquals("0200", first, "the 300.00 variance leads the queue");
      assertEquals(12, buttons, "accept, send back and re-send on each task");
      assertEquals("0200 -300.00; 0100 -5.00; 0300 not counted; 0400 no cost",
          values, "no cost only for the SKU without one; the line nobody counted says so");
      assertTrue(missing.startsWith("A-02-01-A\t0300\tmissing\t7"), missing);
      assertEquals("closed 1 location; 1 missing line", result, "one of each, said so");
      assertTrue(summary.startsWith("2 of 3 locations counted; 2 recounts open; 1 run since "
          + "start; 1 missing line. "), summary);
      assertFalse(requested.isEmpty());
      assertTrue(requested.stream().allMatch(u -> u.startsWith(f.base + "/")),
          "the page loads only from the Pi: " + requested);
      assertTrue(Files.size(Path.of("target", "console-overview.png")) > 10_000);
    }
  }

  @Test
  void zoneWhoseVariancesHaveNoCost_cardAndChartsSayUnknownNotZero(@TempDir Path dir)
      throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Chromium.BINARY), "skipped: " + Chromium.BINARY
        + " is not installed (apt-get install chromium; .ci/run installs it)");
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    try (ConsoleFixture f = new ConsoleFixture(dir.resolve("service"), "{ open-view = true }");
        Chromium browser = Chromium.start(profile)) {
      f.count("B-01-01-A", "0100", 3);
      f.count("B-01-02-A", "0400", 2); // off the book, and 0400 has no cost
      int closed = f.post("/api/zones/B/close", "", "Authorization",
          "Bearer " + ConsoleFixture.TOKEN).statusCode();

      browser.navigate(f.base + "/");
      String card = "document.querySelector('.zone-card[data-zone=\"B\"]')";
      browser.await(card + " && " + card + ".textContent.includes('variance unknown')", WAIT);
      String labels = labelLines(browser);
      String chartLabels = browser.eval("Array.from(document.querySelectorAll("
          + "'#chart-zones text')).map(t => t.textContent).join(' ')").asText();
      String history = browser.eval("document.getElementById('chart-history').textContent")
          .asText();

      assertEquals(200, closed);
      assertEquals("A variance - 1; B variance unknown (1 line not valued) 1", labels);
      assertEquals("A no run yet B unknown", chartLabels);
      assertTrue(history.contains("no run of known value yet"), history);
      assertEquals(0, browser.eval("document.querySelectorAll('#chart-history circle').length")
          .asInt(), "no point at 0 for a run of unknown value");
    }
  }

  /** Returns each zone card's variance label and how many lines of text it takes. */
  private static String labelLines(Chromium browser) throws Exception {
    return browser.eval("Array.from(document.querySelectorAll('.zone-card')).map(c => { "
        + "const v = c.querySelector('.variance'); const r = v.getBoundingClientRect(); "
        + "const line = parseFloat(getComputedStyle(v).lineHeight); "
        + "return c.dataset.zone + ' ' + v.textContent + ' ' + Math.round(r.height / line); "
        + "}).join('; ')").asText();
  }
}
