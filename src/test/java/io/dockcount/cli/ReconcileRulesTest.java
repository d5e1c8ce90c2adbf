package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recount rules from options and config, and the location scheme, through the command. */
final class ReconcileRulesTest {
  @TempDir Path dir;

  private Workspace ws() {
    Workspace ws = new Workspace(dir);
    ws.write("items.csv", "sku,unit_cost,class", "A,1.00,A", "B,1.00,B", "NC,,B");
    return ws;
  }

  private String config(String hocon) {
    return new Workspace(dir).write("site.conf", hocon).toString();
  }

  @Test
  void reconcile_skuGivenTwoClasses_hasNoneDefaultRuleAppliesBothRowsSeen() {
    String conf = config("""
        dockcount.reconcile.recount {
          default { short { qty = 50 }, over { qty = 50 } }
          rules = [ { class = A, short { qty = 1 }, over { qty = 1 } } ]
        }
        """);
    Workspace ws = new Workspace(dir);
    ws.write("items.csv", "sku,unit_cost,class", "X,1.00,A", "X,2.00,C", "X,1.00,A", "Y,1.00,A");
    ws.book("X,Z-1,100", "Y,Z-1,100").counts("X,Z-1,90,EA", "Y,Z-1,90,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    // Class A's rule would make a task of X's 10 short, the default's would not: neither class
    // is taken on a guess, so the default applies, and X is flagged for its master data.
    assertNull(run.task("X", "Z-1"));
    assertEquals("short qty 10 >= 1 (class A)", run.task("Y", "Z-1").get("reason"));
    assertEquals("missing_cost|master_data_conflict", run.recon("X", "Z-1").get("flags"));
    assertEquals("", run.recon("X", "Z-1").get("variance_value"), "two costs: no value");
    assertEquals(2, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("3", run.exceptions().get(0).get("line"));
    assertEquals("class", run.exceptions().get(0).get("field"));
    assertEquals("SKU X already has the class A: with two classes it has none (the zone or "
        + "default recount rules apply) until the item master gives one; SKU X already has the "
        + "cost 1.00: with two costs its cost is unknown (its variances get no value) until the "
        + "item master gives one", run.exceptions().get(0).get("reason"));
    assertEquals("4", run.exceptions().get(1).get("line"));
    assertTrue(run.exceptions().get(1).get("reason").startsWith("SKU X already has two classes"),
        run.exceptions().get(1).get("reason"));
  }

  @Test
  void reconcile_itemRowWithAnUnreadableCost_keepsItsClassAndItsRule() {
    String conf = config("""
        dockcount.reconcile.recount {
          default { short { pct = 5 }, over { pct = 5 } }
          rules = [ { class = A, short { qty = 1 }, over { qty = 1 } } ]
        }
        """);
    Workspace ws = new Workspace(dir);
    ws.write("items.csv", "sku,unit_cost,class", "X,$1.50,A", "W,0.1234567891,A", "Y,1.50,A",
        "V,-2,A", "P,1.5000000000,A");
    ws.book("X,Z-1,1000", "W,Z-1,1000", "Y,Z-1,1000", "V,Z-1,1000", "P,Z-1,1000")
        .counts("X,Z-1,999,EA", "W,Z-1,999,EA", "Y,Z-1,999,EA", "V,Z-1,999,EA", "P,Z-1,999,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    // 1 short of 1000 is under the default's 5 %: only class A's rule makes tasks of them. A
    // cost that cannot be read leaves the SKU without a cost, not without its class.
    for (String sku : new String[] {"X", "W", "Y", "V", "P"}) {
      assertEquals("short qty 1 >= 1 (class A)", run.task(sku, "Z-1").get("reason"), sku);
    }
    assertEquals("missing_cost", run.recon("X", "Z-1").get("flags"));
    assertEquals("-1.50", run.recon("P", "Z-1").get("variance_value"),
        "zeros past the ninth decimal lose nothing");
    assertEquals(3, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("unit_cost", run.exceptions().get(0).get("field"));
    assertTrue(run.exceptions().get(0).get("reason").endsWith("(the row's class A is kept)"),
        run.exceptions().get(0).get("reason"));
  }

  @Test
  void reconcile_itemRowWithACostOrClassNotUtf8_theOtherFieldKept() throws Exception {
    String conf = config("""
        dockcount.reconcile.recount {
          default { short { pct = 50 }, over { pct = 50 } }
          rules = [ { class = A, short { qty = 1 } } ]
        }
        """);
    Workspace ws = new Workspace(dir);
    // A Windows-1252 export: the pound sign before a cost, an umlaut in a class.
    java.nio.file.Files.write(dir.resolve("items.csv"), ("sku,unit_cost,class\n"
        + "S4,\u00a31.50,A\nS5,1.50,\u00c4\n").getBytes(
            java.nio.charset.StandardCharsets.ISO_8859_1));
    ws.book("S4,Z-1,100", "S5,Z-1,100").counts("S4,Z-1,90,EA", "S5,Z-1,90,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    assertEquals("short qty 10 >= 1 (class A)", run.task("S4", "Z-1").get("reason"),
        "its class kept, its cost refused");
    assertEquals("missing_cost", run.recon("S4", "Z-1").get("flags"));
    assertEquals("-15.00", run.recon("S5", "Z-1").get("variance_value"), "its cost kept");
    assertEquals(java.util.List.of("unit_cost", "class"),
        run.exceptions().stream().map(e -> e.get("field")).toList());
  }

  @Test
  void reconcile_ruleForAClassOrZoneNoLineHas_saidNotSilentlyUnused() {
    String conf = config("""
        dockcount.reconcile.recount.rules = [
          { class = x, short { qty = 1 } },
          { zone = Q, short { qty = 1 } },
          { zone = A, class = X, short { qty = 1 } } ]
        """);
    Workspace ws = new Workspace(dir);
    ws.write("items.csv", "sku,unit_cost,class", "X1,1.00,X", "Y1,1.00,Y");
    ws.book("X1,A-01-01,100", "Y1,B-01-01,100").counts("X1,A-01-01,99,EA", "Y1,B-01-01,99,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("dockcount: warning: the recount rule for class x applies to no line: no line "
        + "has that class (the lines have X: letter case and spaces count)\n"
        + "dockcount: warning: the recount rule for zone Q applies to no line: no line has that "
        + "zone (the lines have zones A, B)\n", run.stderr());
    assertEquals("short qty 1 >= 1 (zone A, class X)", run.task("X1", "A-01-01").get("reason"));
  }

  @Test
  void reconcile_classRuleWhenNoItemHasAClass_warningPointsToTheClassColumn() {
    String conf = config("dockcount.reconcile.recount.rules = [ { class = A, short { qty = 1 } "
        + "} ]");
    Workspace ws = new Workspace(dir);
    ws.write("items.csv", "sku,unit_cost,ABC Class", "X1,1.00,A");
    ws.book("X1,A-01-01,100").counts("X1,A-01-01,99,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    assertEquals("dockcount: warning: the recount rule for class A applies to no line: no line "
        + "has that class (no line has any class: is the item master's class column headed "
        + "otherwise? --columns items.class=NAME)\n", run.stderr());
  }

  @Test
  void reconcile_ruleGivingShortOnly_overFromDefaultSideWithNoLimitsRecountsNone() {
    String conf = config("""
        dockcount.reconcile.recount {
          default { short { qty = 4, value = null, pct = null }, over { qty = 6, value = null,
            pct = null } }
          rules = [ { class = A, short { value = 100 } },
                    { class = B, over { qty = null, value = null, pct = null } } ]
        }
        """);
    Workspace ws = ws().book("A,Z-1,100", "A,Z-2,100", "A,Z-3,100", "B,Z-1,100", "B,Z-2,100")
        .counts("A,Z-1,101,EA", "A,Z-2,106,EA", "A,Z-3,95,EA", "B,Z-1,190,EA", "B,Z-2,95,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    assertNull(run.task("A", "Z-1"), "class A's over is the default's: 1 is under 6");
    assertEquals("over qty 6 >= 6", run.task("A", "Z-2").get("reason"));
    assertNull(run.task("A", "Z-3"), "class A's short rule: 5.00 is under 100");
    assertNull(run.task("B", "Z-1"), "class B's over side has no limit to reach");
    assertEquals("short qty 5 >= 4", run.task("B", "Z-2").get("reason"));
  }

  @Test
  void reconcile_badLimitOption_exit2NamingTheOption() {
    Workspace ws = ws().book("A,Z-1,100").counts("A,Z-1,95,EA");

    Workspace.Run comma = ws.reconcile("--value", "1,5");
    Workspace.Run negative = ws.reconcile("--pct", "-1");

    assertEquals(2, comma.exitCode());
    assertEquals("dockcount: --value 1,5: a limit is written with a decimal point and no "
        + "grouping (2.5, 1200), whatever --decimal-comma says of the files' numbers",
        comma.stderr().strip());
    // Told to give --decimal-comma, the user did: the option is read with a point all the same.
    Workspace.Run declared = ws.reconcile("--value", "1,5", "--decimal-comma");
    assertEquals(comma.stderr(), declared.stderr());
    assertEquals(2, negative.exitCode());
    assertEquals("dockcount: --pct -1: a limit is 0 or more", negative.stderr().strip());
    assertEquals("dockcount: --combine must be any or all: some",
        ws.reconcile("--combine", "some").stderr().strip());
    assertTrue(ws.reconcile("--columns", "bok.book_qty=QOH").stderr().startsWith(
        "dockcount: --columns bok.book_qty: no input kind 'bok'"));
    // Two headers for one field: the last would win without a word.
    Workspace.Run twice = ws.reconcile("--columns", "book.book_qty=QOH", "--columns",
        "Book.book_qty=Physical QOH", "--columns", "book.sku=sku", "--columns", "book.sku=SKU");
    assertEquals(2, twice.exitCode());
    assertEquals("dockcount: --columns Book.book_qty is given twice, as 'QOH' and 'Physical QOH':"
        + " give it once", twice.stderr().strip());
    assertEquals("dockcount: --columns book.sku: expected KIND.FIELD=HEADER",
        ws.reconcile("--columns", "book.sku").stderr().strip());
  }

  @Test
  void reconcile_qtyOptionWithAll_needsEveryLimit() {
    Workspace ws = ws().book("A,Z-1,100", "B,Z-2,100").counts("A,Z-1,95,EA", "B,Z-2,40,EA");

    Workspace.Run run = ws.reconcile("--qty", "5", "--value", "50", "--combine", "all");

    assertNull(run.task("A", "Z-1"));
    assertNotNull(run.task("B", "Z-2"));
  }

  @Test
  void reconcile_configRules_mostSpecificWins() {
    String conf = config("""
        dockcount.reconcile.recount {
          default { short { qty = 50 }, over { qty = 50 } }
          rules = [
            { zone = Z, short { qty = 20 }, over { qty = 20 } }
            { class = A, short { qty = 10 }, over { qty = 10 } }
            { zone = Z, class = A, short { qty = 1 }, over { qty = 100 } }
          ]
        }
        """);
    Workspace ws = ws().book("A,Z-1,100", "A,Y-1,100", "B,Z-1,100", "B,Y-1,100")
        .counts("A,Z-1,99,EA", "A,Y-1,90,EA", "B,Z-1,80,EA", "B,Y-1,60,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    assertEquals("short qty 1 >= 1 (zone Z, class A)", run.task("A", "Z-1").get("reason"));
    assertEquals("short qty 10 >= 10 (class A)", run.task("A", "Y-1").get("reason"));
    assertEquals("short qty 20 >= 20 (zone Z)", run.task("B", "Z-1").get("reason"));
    assertNull(run.task("B", "Y-1"));
  }

  @Test
  void reconcile_configNamedWithoutItsDirectory_itsIncludeReadBesideIt() throws Exception {
    Workspace ws = ws().book("A,Z-1,100").counts("A,Z-1,90,EA");
    ws.write("limits.conf", "dockcount.reconcile.recount.default.short "
        + "{ qty = 1000, value = null, pct = null }");
    ws.write("main.conf", "include \"limits.conf\"");
    ws.uom();
    // As typed in a shell in that directory: the config's bare name, which has no parent.
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "reconcile", "--config", "main.conf", "--book", "book.csv", "--counts", "counts.csv",
        "--uom", "uom.csv", "--items", "items.csv", "--out", "out")
        .directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("printed.txt").toFile()).start();
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "reconcile did not end");
    String printed = java.nio.file.Files.readString(dir.resolve("printed.txt"));

    assertEquals(0, p.exitValue(), printed);
    Workspace.Run run = new Workspace.Run(0, printed, "", dir.resolve("out"));
    assertNull(run.task("A", "Z-1"), "the included limit of 1000 EA is in force");
  }

  @Test
  void reconcile_locationPatternNotARegex_oneLineNamingTheOption() {
    Workspace.Run run = ws().book("A,Z-1,100").counts("A,Z-1,90,EA")
        .reconcile("--location-pattern", "(?<zone>[A-Z]+");

    assertEquals(2, run.exitCode());
    assertEquals("dockcount: --location-pattern: location pattern is not a valid regular "
        + "expression: Unclosed group at character 15 of (?<zone>[A-Z]+", run.stderr().strip());
  }

  @Test
  void reconcile_outIsAFile_refusedBeforeReading() throws Exception {
    Workspace ws = ws().book("A,Z-1,100").counts("A,Z-1,90,EA");
    Path file = ws.write("report.txt", "not a directory");

    Workspace.Run run = Workspace.run(file, "reconcile", "--book", dir.resolve("book.csv")
        .toString(), "--counts", dir.resolve("counts.csv").toString(), "--uom", ws.uom()
        .dir().resolve("uom.csv").toString(), "--items", dir.resolve("items.csv").toString(),
        "--out", file.toString());

    assertEquals(2, run.exitCode());
    assertEquals("dockcount: --out " + file + ": a file, not a directory", run.stderr().strip());
  }

  @Test
  void reconcile_configIsADirectory_saidSo() {
    Workspace.Run run = ws().book("A,Z-1,100").counts("A,Z-1,90,EA")
        .reconcile("--config", dir.toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains(dir + ": a directory, not a config file"), run.stderr());
  }

  @Test
  void reconcile_siteDefaultSideNamingOnlyQty_referenceLimitsOfThatSideDropped() {
    String conf = config("dockcount.reconcile.recount.default.short { qty = 50 }");
    Workspace ws = ws().book("A,Z-1,100", "A,Z-2,100").counts("A,Z-1,90,EA", "A,Z-2,110,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    assertNull(run.task("A", "Z-1"));
    assertEquals("over pct >= 2", run.task("A", "Z-2").get("reason"));
  }

  @Test
  void reconcile_limitOptions_addToTheConfiguredDefaultRule() {
    Workspace ws = ws().book("A,Z-1,1000").counts("A,Z-1,995,EA");

    Workspace.Run run = ws.reconcile("--qty", "5");

    assertEquals("short qty 5 >= 5", run.task("A", "Z-1").get("reason"));
  }

  @Test
  void reconcile_percentJustUnderTheLimit_shownCutNotRoundedUpToTheLimit() {
    // -399 of 20,000 is -1.995 %: under a 2 % limit, so it must not read -2.00.
    Workspace ws = ws().book("A,Z-1,20000", "A,Z-2,20000", "A,Z-3,300")
        .counts("A,Z-1,19601,EA", "A,Z-2,19600,EA", "A,Z-3,301,EA");

    Workspace.Run run = ws.reconcile("--pct", "2", "--value", "1000000", "--qty", "1000000");

    assertEquals("-1.99", run.recon("A", "Z-1").get("variance_pct"));
    assertNull(run.task("A", "Z-1"));
    assertEquals("-2.00", run.recon("A", "Z-2").get("variance_pct"));
    assertEquals("short pct >= 2", run.task("A", "Z-2").get("reason"));
    assertEquals("0.33", run.recon("A", "Z-3").get("variance_pct"));
  }

  @Test
  void reconcile_shortAndOverLimitsInConfig_appliedPerSide() {
    String conf = config("""
        dockcount.reconcile.recount.default {
          short { pct = 1 }
          over { value = 100.00 }
        }
        """);
    Workspace ws = ws().book("A,Z-1,100", "B,Z-2,100").counts("A,Z-1,99,EA", "B,Z-2,150,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    assertEquals("short pct >= 1", run.task("A", "Z-1").get("reason"));
    assertNull(run.task("B", "Z-2"));
  }

  @Test
  void reconcile_unknownCostAgainstValueLimit_recountedWithReason() {
    Workspace ws = ws().book("NC,Z-1,1000").counts("NC,Z-1,999,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> task = run.task("NC", "Z-1");
    assertEquals("short value unknown", task.get("reason"));
    assertEquals("", task.get("variance_value"));
    assertEquals("missing_cost", task.get("flags"));
  }

  @Test
  void reconcile_caseSwitchesOff_noTasksForThoseCases() {
    String conf = config("""
        dockcount.reconcile.recount {
          default { short { qty = 1000 }, over { qty = 1000 } }
          missing = false, unexpected = false, counted-zero = false, negative-book = false
        }
        """);
    Workspace ws = ws().book("A,Z-1,5", "B,Z-2,-3", "A,Z-3,4").counts("A,Z-1,0,EA",
        "B,Z-2,0,EA", "B,Z-4,2,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    assertTrue(run.rows("recount_tasks.csv").isEmpty(), run.text("recount_tasks.csv"));
    assertEquals("counted_zero", run.recon("A", "Z-1").get("flags"));
    assertEquals("negative_book", run.recon("B", "Z-2").get("flags"));
  }

  @Test
  void reconcile_badConfig_exit2NamingTheSetting() {
    String conf = config("dockcount.reconcile.recount.default.combine = sometimes");
    Workspace ws = ws().book("A,Z-1,5").counts("A,Z-1,5,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("combine"), run.stderr());
  }

  @Test
  void reconcile_fractionalQtyLimitInConfig_exit2NotCutDownToAWholeNumber() {
    String conf = config("dockcount.reconcile.recount.default.short { qty = 2.7 }");
    Workspace ws = ws().book("A,Z-1,1000").counts("A,Z-1,998,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    assertEquals(2, run.exitCode(), "2.7 cut to 2 would recount this short of 2");
    assertTrue(run.stderr().contains("default.short: qty is a number of eaches and must be "
        + "whole: 2.7"), run.stderr());
  }

  @Test
  void reconcile_locationPattern_namedGroupsAndUnparsedCounted() {
    Workspace ws = ws().book("A,C07012B,1", "B,DOCK 3,1").counts("A,C07012B,1,EA",
        "B,DOCK 3,1,EA");

    Workspace.Run run = ws.reconcile("--location-pattern",
        "(?<zone>[A-Z])(?<aisle>\\d{2})(?<bay>\\d{3})(?<level>[A-F])");

    Map<String, String> parsed = run.recon("A", "C07012B");
    Map<String, String> unparsed = run.recon("B", "DOCK 3");
    assertEquals("C|07|012|B", String.join("|", parsed.get("zone"), parsed.get("aisle"),
        parsed.get("bay"), parsed.get("level")));
    assertEquals("", unparsed.get("zone"));
    assertEquals("location_unparsed", unparsed.get("flags"));
    assertTrue(run.text("summary.json").contains("\"locations_unparsed\": 1"));
  }

  @Test
  void reconcile_defaultScheme_singlePartIsZone() {
    Workspace ws = ws().book("A,COLD ROOM,1").counts("A,COLD ROOM,1,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("COLD ROOM", run.recon("A", "COLD ROOM").get("zone"));
    assertEquals("", run.recon("A", "COLD ROOM").get("flags"));
  }

  @Test
  void reconcile_binMaster_nameToUniqueCodeAmbiguousRejected() {
    Workspace ws = ws().book("A,RACK1-SHELF1,5", "B,COLD ROOM,1", "B,RACK1-SHELF2,1")
        .counts("B,COLD ROOM,1,EA", "B,X-2,1,EA");
    ws.write("bins.csv", "name,location,warehouse", "COLD ROOM,MW-COLD,Main",
        "COLD ROOM,X-COLD,Other", "RACK1-SHELF1,X-1-1-1,Other", "RACK1-SHELF1,X-2-1-1,Other",
        "RACK1-SHELF2,X-2,Other");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString(),
        "--warehouse", "Other");

    Map<String, String> ambiguous = run.exceptions().get(0);
    assertEquals("book.csv", ambiguous.get("file"));
    assertEquals("2", ambiguous.get("line"));
    assertTrue(ambiguous.get("reason").contains("ambiguous location 'RACK1-SHELF1' "
        + "(X-1-1-1, X-2-1-1)"), ambiguous.get("reason"));
    assertEquals(1, run.exceptions().size());
    assertEquals("matched", run.recon("B", "X-COLD").get("status"));
    assertEquals("matched", run.recon("B", "X-2").get("status"));
    // The rejected book row keeps a line under its bin name: no quantity, flagged, recounted.
    Map<String, String> unresolved = run.recon("A", "RACK1-SHELF1");
    assertEquals("", unresolved.get("book_qty"));
    assertEquals("book_rows_rejected", unresolved.get("flags"));
    assertEquals(3, run.rows("recon.csv").size());
  }

  @Test
  void reconcile_binNameOfTwoWarehousesNoneChosen_rejectedSayingToChooseOne() {
    Workspace ws = ws().book("A,BIN1,5", "B,BIN2,1").counts("A,BIN1,5,EA", "B,BIN2,1,EA");
    ws.write("bins.csv", "name,location,warehouse", "BIN1,A-01-01,WH1", "BIN2,A-01-02,WH1",
        "BIN1,Z-99-99,WH2", "BIN2,X-1,Other", "BIN2,X-2,Other");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString());

    assertEquals("ambiguous location 'BIN1' (A-01-01, Z-99-99): not attached to either; the "
        + "bin master lists it in warehouses WH1, WH2: choose one with --warehouse",
        run.exceptions().get(0).get("reason"));
    assertEquals("ambiguous location 'BIN2' (A-01-02, X-1, X-2): not attached to any of them; "
        + "the bin master lists it in warehouses Other, WH1: choose one with --warehouse",
        run.exceptions().get(1).get("reason"));
  }

  @Test
  void reconcile_binNameTwiceInOneWarehouse_noWarehouseToChoose() {
    Workspace ws = ws().book("A,BIN1,5").counts("A,BIN1,5,EA");
    ws.write("bins.csv", "name,location,warehouse", "BIN1,A-01-01,WH1", "BIN1,A-01-02,WH1");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString());

    assertEquals("ambiguous location 'BIN1' (A-01-01, A-01-02): not attached to either",
        run.exceptions().get(0).get("reason"));
  }

  @Test
  void reconcile_binOfAnotherWarehouse_rejectedSayingWhichWarehouse() {
    Workspace ws = ws().book("A,SHELF-A,5", "B,SHELF-C,1").counts("B,SHELF-C,1,EA");
    ws.write("bins.csv", "name,location,warehouse", "SHELF-A,BOS-1-1,Boston",
        "SHELF-C,CHI-1-3,Chicago");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString(),
        "--warehouse", "Chicago");

    assertEquals("location 'SHELF-A' is a bin of warehouse 'Boston', not of 'Chicago'"
        + " (--warehouse)", run.exceptions().get(0).get("reason"));
    assertEquals("matched", run.recon("B", "CHI-1-3").get("status"));
  }

  @Test
  void reconcile_binMaster_countWhereAnAmbiguousBookRowMayBe_bookUnknownNotFoundStock() {
    Workspace ws = ws().book("A,Shelf 1,10", "B,X-1,4").counts("A,X-1,10,EA", "B,X-1,4,EA");
    ws.write("bins.csv", "name,location", "Shelf 1,X-1", "Shelf 1,X-2", "X-1,X-1");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString());

    // A's book row is at: counted at X-1, its book there is unknown, not none.
    Map<String, String> counted = run.recon("A", "X-1");
    assertEquals("book_rows_rejected", counted.get("flags"));
    assertEquals("", counted.get("variance_value"));
    assertTrue(run.task("A", "X-1").get("reason").startsWith("counted where the book quantity "
        + "is unknown"), run.task("A", "X-1")::toString);
    assertEquals(3, run.rows("recon.csv").size(), "none at X-2, where nothing was counted");
    assertEquals("missing", run.recon("A", "Shelf 1").get("status"));
    assertTrue(run.text("summary.json").contains("\"net_value\": 0.00"),
        run.text("summary.json"));
  }

  @Test
  void reconcile_binMaster_binNameInOtherLetterCase_rejectedWithAHintNotAttached() {
    Workspace ws = ws().book("B,MW-1-1-3,43").counts("B,RM1-Rack1-Shelf3,43,EA",
        "B,RM1-RACK1-SHELF 3,1,EA");
    ws.write("bins.csv", "name,location", "RM1-RACK1-SHELF3,MW-1-1-3");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString());

    assertEquals("location 'RM1-Rack1-Shelf3' is not in the bin master; it has "
        + "'RM1-RACK1-SHELF3' (MW-1-1-3), the same but for letter case, spaces or leading "
        + "zeros: keyed another way?", run.exceptions().get(0).get("reason"));
    assertTrue(run.exceptions().get(1).get("reason").contains("it has 'RM1-RACK1-SHELF3' "
        + "(MW-1-1-3)"), run.exceptions().get(1)::toString);
    assertEquals("missing", run.recon("B", "MW-1-1-3").get("status"), "not attached to it");
  }

  @Test
  void reconcile_binMaster_countAtUnknownBinKeepsALineUnderItsName() {
    Workspace ws = ws().book("B,RACK1-SHELF2,1").counts("B,RACK1-SHELF2,1,EA",
        "B,RACK9,4,EA");
    ws.write("bins.csv", "name,location", "RACK1-SHELF2,X-2", "RACK9,");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString());

    assertEquals("location 'RACK9' is not in the bin master: its row there was rejected "
        + "(bins.csv line 3)", run.exceptions().get(0).get("reason"));
    Map<String, String> unknown = run.recon("B", "RACK9");
    assertEquals("", unknown.get("counted_qty"), "rejected: its count is not used");
    assertEquals("unexpected", unknown.get("status"));
    assertEquals("count_rows_rejected", unknown.get("flags"));
    assertTrue(run.task("B", "RACK9") != null, "somebody counted at a bin nobody can find");
  }

  @Test
  void reconcile_binMasterWithoutBins_stopsWithOneLineNotEveryLocationRefused() {
    Workspace ws = ws().book("B,RACK1,1").counts("B,RACK1,1,EA");
    ws.write("empty.csv", "name,location");
    ws.write("blank.csv", "name,location", ",X-1", "RACK1,");

    Workspace.Run empty = ws.reconcile("--locations", dir.resolve("empty.csv").toString());
    Workspace.Run blank = ws.reconcile("--locations", dir.resolve("blank.csv").toString());

    assertEquals(2, empty.exitCode(), empty.stderr());
    assertEquals("dockcount: empty.csv: the bin master has no bin to map to: it has a header and "
        + "no rows; give the bin list, or leave --locations out", empty.stderr().strip());
    assertEquals(2, blank.exitCode(), blank.stderr());
    assertEquals("dockcount: blank.csv: the bin master has no bin to map to: none of its 2 rows "
        + "could be used (line 2: blank bin name); give the bin list, or leave --locations out",
        blank.stderr().strip());
  }

  @Test
  void reconcile_binMaster_codeWhoseRowHasNoName_saysItsRowWasRejected() {
    Workspace ws = ws().book("B,X-1,1", "B,X-2,1").counts("B,X-1,1,EA", "B,X-2,1,EA");
    ws.write("bins.csv", "name,location", "X-1,X-1", ",X-2");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString());

    assertEquals("matched", run.recon("B", "X-1").get("status"));
    assertEquals(List.of("location 'X-2' is not in the bin master: its row there was rejected "
        + "(bins.csv line 3)", "blank bin name"), run.exceptions().stream()
        .map(e -> e.get("reason")).distinct().toList());
  }

  @Test
  void reconcile_locationPatternNamingNoPart_stopsSayingWhichGroup() {
    Workspace ws = ws().book("B,A-01-02,1").counts("B,A-01-02,1,EA");

    Workspace.Run run = ws.reconcile("--location-pattern",
        "(?<zone>[A-Z])-(?<row>\\d+)-(?<bay>\\d+)");

    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("names a group 'row', which is none of zone, aisle, bay, "
        + "level"), run.stderr());
  }

  @Test
  void reconcile_moneyLimitInConfig_keptExactlyAsWritten() {
    String conf = config(
        "dockcount.reconcile.recount.default.short { value = 12345678901234567.89 }");
    Workspace ws = new Workspace(dir).items("A,2469135780246913.59").book("A,Z-1,10")
        .counts("A,Z-1,5,EA");

    Workspace.Run run = ws.reconcile("--config", conf);

    assertEquals("short value 12345678901234567.95 >= 12345678901234567.89",
        run.task("A", "Z-1").get("reason"));
  }

  @Test
  void reconcile_referenceValueLimit_shownWithItsCents() {
    Workspace ws = ws().book("A,Z-1,1000").counts("A,Z-1,940,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("short value 60.00 >= 50.00, pct >= 2", run.task("A", "Z-1").get("reason"));
  }

  @Test
  void reconcile_warehouseNotInBinMaster_exit2NamingTheWarehouses() {
    Workspace ws = ws().book("A,COLD ROOM,1").counts("A,COLD ROOM,1,EA");
    ws.write("bins.csv", "name,location,warehouse", "COLD ROOM,MW-COLD,Main Warehouse",
        "COLD ROOM,CHI-COLD,Chicago Warehouse");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString(),
        "--warehouse", "Chicago");

    assertEquals(2, run.exitCode());
    assertEquals(1, run.stderr().lines().count(), run.stderr());
    assertTrue(run.stderr().contains("no bin in warehouse 'Chicago' (warehouses: "
        + "Chicago Warehouse, Main Warehouse)"), run.stderr());
  }

  @Test
  void reconcile_warehouseWithoutBinMaster_exit2NotIgnored() {
    Workspace ws = ws().book("A,COLD ROOM,1").counts("A,COLD ROOM,1,EA");

    Workspace.Run run = ws.reconcile("--warehouse", "Chicago Warehouse");

    assertEquals(2, run.exitCode());
    assertEquals(1, run.stderr().lines().count(), run.stderr());
    assertTrue(run.stderr().contains("--locations"), run.stderr());
  }
}
