package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dockcount check-config}: the shipped file, good and bad site files. */
final class CheckConfigCommandTest {
  /** The file the Debian package installs as /etc/dockcount/dockcount.conf. */
  private static final Path SHIPPED = Path.of("systemd", "dockcount.conf");

  @TempDir Path dir;

  private record Outcome(int exitCode, String stdout, List<String> stderr) {}

  private static Outcome checkConfig(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      String[] all = new String[args.length + 1];
      all[0] = "check-config";
      System.arraycopy(args, 0, all, 1, args.length);
      code = Main.run(all);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    String e = err.toString(StandardCharsets.UTF_8);
    return new Outcome(code, out.toString(StandardCharsets.UTF_8),
        e.isEmpty() ? List.of() : List.of(e.split("\n")));
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  /** A secret's file as a site keeps it, readable by its owner only. */
  private Path secret(String name, String text) throws IOException {
    Path p = write(name, text);
    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions
        .fromString("rw-------"));
    return p;
  }

  /** A site file whose inputs are real files in the temp dir, plus {@code extra} lines. */
  private Path siteFile(String extra) throws IOException {
    write("book.csv", "sku,location,book_qty\n0012345,A-01-01,5\n");
    write("items.csv", "sku,unit_cost\n0012345,1.25\n");
    return write("site.conf", "dockcount {\n"
        + "  store.path = \"" + dir.resolve("db/dockcount") + "\"\n"
        + "  inputs.book = \"" + dir.resolve("book.csv") + "\"\n"
        + "  inputs.items = \"" + dir.resolve("items.csv") + "\"\n"
        + extra + "\n}\n");
  }

  @Test
  void shippedConfig_withoutInputFiles_isValid() {
    Outcome o = checkConfig("--no-inputs", SHIPPED.toString());

    assertEquals(0, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertEquals(SHIPPED + ": OK (0 stations, input files not checked)\n", o.stdout());
    assertEquals(List.of(), o.stderr(), "the shipped file uses only known keys");
  }

  @Test
  void shippedConfig_onAFreshPi_namesTheBookStillToCopyIn() {
    assumeFalse(Files.exists(Path.of("/var/lib/dockcount/inbox/book.csv")),
        "a dockcount book is installed on this machine");

    Outcome o = checkConfig(SHIPPED.toString());

    assertEquals(2, o.exitCode());
    assertTrue(o.stderr().contains(
        "dockcount: dockcount.inputs.book: /var/lib/dockcount/inbox/book.csv: no such file"),
        () -> String.join("\n", o.stderr()));
  }

  @Test
  void goodFile_withStations_isValid() throws IOException {
    Path site = siteFile("stations {\n"
        + "  DOCK-1 { zone = A, device = \"/dev/scanner/dock-1\" }\n"
        + "  DOCK-2 { zone = B, usb { vendor-id = \"0x1eab\", product-id = \"0x1a06\" } }\n"
        + "}\ninputs.barcodes = \"" + dir.resolve("codes.csv") + "\"");
    write("codes.csv", "barcode,sku,uom\n5412345000013,0012345,EA\n");
    write("book.csv", "sku,location,book_qty\n0012345,A-01-01,5\n0012345,B-01-01,2\n");

    Outcome o = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertEquals(site + ": OK (2 stations, 1 warning above)\n", o.stdout());
    assertEquals(List.of("dockcount: warning: dockcount.stations.DOCK-1.device: "
        + "/dev/scanner/dock-1 does not exist now (scanner unplugged, or no udev link?)"),
        o.stderr(), "a device not there is a warning, not a problem");
  }

  @Test
  void unreadableBookRow_aProblemAsRunWouldStopSkippedCostRow_aWarning() throws IOException {
    Path site = siteFile("");
    write("book.csv", "sku,location,book_qty\n0012345,A-01-01,5\n0012346,A-01-02,\n");
    write("items.csv", "sku,unit_cost\n0012345,1.25\n0012346,abc\n");

    Outcome o = checkConfig(site.toString());

    assertEquals(2, o.exitCode());
    assertEquals(List.of(
        "dockcount: warning: dockcount.inputs: items.csv:3: unit cost is not a plain number: "
            + "not a number",
        "dockcount: dockcount.inputs: book.csv:3: book_qty is blank: unknown, not 0",
        "dockcount: " + site + ": 1 problem; the service would not start"), o.stderr());
  }

  @Test
  void bookLocationTheSchemeCannotRead_warnedAsInNoZone() throws IOException {
    Path site = siteFile("");
    write("book.csv", "sku,location,book_qty\n0012345,A-01-01,5\n0012346,A--07,3\n");

    Outcome o = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertEquals(List.of("dockcount: warning: dockcount.inputs.book: 1 book location(s) do not "
        + "read with the location scheme ('A--07'), so they are in no zone: their lines are "
        + "neither counted nor reported missing; correct them in the book, or set "
        + "dockcount.reconcile.location-pattern"), o.stderr());
  }

  @Test
  void decimalCommaDeclared_startUpFilesReadWithIt_asRunReadsThem() throws IOException {
    Path site = siteFile("reconcile.decimal-comma = true");
    write("book.csv", "sku;location;book_qty\n0012345;A-01-01;1.000\n");
    write("items.csv", "sku;unit_cost\n0012345;1,25\n");

    Outcome read = checkConfig(site.toString());
    write("book.csv", "sku;location;book_qty\n0012345;A-01-01;2.5\n");
    Outcome refused = checkConfig(site.toString());

    assertEquals(0, read.exitCode(), () -> String.join("\n", read.stderr()));
    assertEquals(List.of(), read.stderr(), "1,25 is a cost, 1.000 a thousand: nothing to say");
    assertEquals(2, refused.exitCode(), "a book row run cannot read stops it");
    assertTrue(refused.stderr().contains("dockcount: dockcount.inputs: book.csv:2: book_qty "
        + "'2.5' is not a plain number: a dot that does not group thousands (1.234,5) in a "
        + "number with a decimal comma (dockcount.reconcile.decimal-comma = true)"),
        refused.stderr()::toString);
  }

  @Test
  void decimalCommaNotDeclared_aCommaCostStillRefusedRowByRow() throws IOException {
    Path site = siteFile("");
    write("items.csv", "sku,unit_cost\n0012345,\"1,25\"\n");

    Outcome o = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertEquals(List.of("dockcount: warning: dockcount.inputs: items.csv:2: unit cost is not a "
        + "plain number: comma in number (thousands separator or decimal comma: numbers are "
        + "read with a decimal point and no grouping; files written with decimal commas are "
        + "read so with reconcile --decimal-comma, or, by reconcile and the count service's "
        + "files alike, with dockcount.reconcile.decimal-comma = true)"), o.stderr());
  }

  @Test
  void decimalCommaDeclaredWithADatabaseSource_warnedThatItsNumbersAreReadAsTyped()
      throws IOException {
    Path password = secret("wms-pw", "s3cret\n");
    Path site = siteFile("reconcile.decimal-comma = true\n"
        + "wms.jdbc { url = \"jdbc:postgresql://127.0.0.1:22081/wms\", user = wms,\n"
        + "  password-env = \"\", password-file = \"" + password + "\",\n"
        + "  queries.book = \"SELECT 1\" }");
    write("items.csv", "sku;unit_cost\n0012345;1,25\n");

    Outcome o = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertEquals(List.of("dockcount: warning: dockcount.reconcile.decimal-comma = true is "
        + "followed by the start-up files and the WMS file drop, not by dockcount.wms.jdbc: "
        + "their numbers are read as typed, and a text value with a decimal comma (2,50) there "
        + "refuses its delivery"), o.stderr());
  }

  @Test
  void barcodeThatLostItsLeadingZero_keptAndSaidAsAWarning() throws IOException {
    Path site = siteFile("  inputs.barcodes = \"" + dir.resolve("codes.csv") + "\"");
    write("codes.csv", "barcode,sku,uom\n12345678905,0012345,EA\n");

    Outcome o = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), o.stderr().toString());
    assertEquals(List.of("dockcount: warning: dockcount.inputs: codes.csv:2: "
        + "barcode 12345678905 has 11 digits, which no GTIN has, and 012345678905 is a valid "
        + "UPC-A: a spreadsheet probably dropped its leading zero. Kept as written, so scans of "
        + "that UPC-A label will not match it: write 012345678905 if that is the code"),
        o.stderr());
  }

  @Test
  void bookWithAUnitsColumnOfUnitWords_saidAsNotesNotAsDamagedRows() throws IOException {
    Path site = siteFile("  inputs.uom = \"" + dir.resolve("uom.csv") + "\"");
    write("book.csv", "sku,location,book_qty,Units\n0012345,A-01-01,2,Case\n");
    write("uom.csv", "sku,uom,qty_per_uom\n0012345,CS,12\n");

    Outcome o = checkConfig(site.toString());

    // What the file says of its columns and units is no row kept that looks damaged.
    assertEquals(0, o.exitCode(), o.stderr().toString());
    assertEquals(List.of("dockcount: warning: dockcount.inputs: book.csv: its column 'Units' "
        + "holds units of measure (Case): read as the book's unit column",
        "dockcount: warning: dockcount.inputs: book.csv: 1 row in a unit other than each "
        + "(CASE (read as CS)) converted to eaches with the UOM table"), o.stderr());
  }

  @Test
  void variableMeasureRowInKg_saidAsTheSkippedRowNamingLayoutAndUnit() throws IOException {
    Path site = siteFile("  inputs.barcodes = \"" + dir.resolve("codes.csv") + "\"\n"
        + "  counting.variable-measure = [ { prefix = \"21\", item-digits = 5,"
        + " value = weight-kg, decimals = 3 } ]");
    write("codes.csv", "barcode,sku,uom\n2112345000008,0012345,KG\n");

    Outcome o = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), o.stderr().toString());
    assertEquals(1, o.stderr().size(), o.stderr().toString());
    assertTrue(o.stderr().get(0).startsWith("dockcount: warning: dockcount.inputs: codes.csv:2:"
        + " barcode 2112345000008 (SKU 0012345) is read through the variable-measure layout for"
        + " prefix 21 (weight-kg)"), o.stderr().toString());
  }

  @Test
  void secretWrittenUnderAMadeUpKey_saysWhereSecretsGo() throws IOException {
    Path site = siteFile("  console.api-token = \"abc123\"");

    Outcome o = checkConfig("--no-inputs", site.toString());

    assertEquals(2, o.exitCode());
    assertTrue(o.stderr().get(0).endsWith("dockcount.console.api-token is not a known setting "
        + "(misspelt?); see application.conf and reference.conf for every key; tokens and "
        + "passwords never go in the config file: set them in the environment (secrets.env "
        + "under systemd) or a file, as the *-env and *-file settings name them"),
        o.stderr().get(0));
  }

  @Test
  void stationOfAZoneTheBookLacks_consolePortBelow1024_plainHttpOffLoopback_warnings()
      throws IOException {
    Path site = siteFile("  stations { DOCK-9 { zone = D, device = \"" + dir.resolve("tty")
        + "\" } }\n  inputs.barcodes = \"" + dir.resolve("codes.csv") + "\"\n"
        + "  console { port = 80, host = \"0.0.0.0\" }");
    write("tty", "");
    write("codes.csv", "barcode,sku,uom\n5412345000013,0012345,EA\n");

    Outcome o = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), o.stderr().toString());
    assertEquals(List.of("dockcount: warning: dockcount.console.port: 80 is below 1024, which "
        + "the service user may not bind under the shipped systemd unit: use 1024 or above "
        + "(8080), or give the unit AmbientCapabilities=CAP_NET_BIND_SERVICE",
        "dockcount: warning: dockcount.console.host: 0.0.0.0 serves the console beyond this "
        + "machine over plain HTTP: passwords and the API token cross the network readable; set "
        + "dockcount.console.tls (a keystore), or keep it on 127.0.0.1",
        "dockcount: warning: dockcount.stations.DOCK-9.zone: zone D is not on the book (its "
        + "zones: [A]): every location label there will be refused"), o.stderr());
  }

  @Test
  void supervisorsListedForSomeZonesOnly_theOthersAndTheServiceAlertsWarned()
      throws IOException {
    Path site = siteFile("  alerts.supervisors { A = [\"+15551234567\"] }");
    write("book.csv", "sku,location,book_qty\n0012345,A-01-01,5\n0012345,B-01-01,2\n"
        + "0012345,C-01-01,2\n");

    Outcome o = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), o.stderr().toString());
    assertEquals(List.of("dockcount: warning: dockcount.alerts.supervisors: zone(s) [B, C] have "
        + "no SMS recipient (no list of their own, and no \"*\" list): their variances go to no "
        + "phone", "dockcount: warning: dockcount.alerts.supervisors: no \"*\" list: the "
        + "service's own alerts (the store full or failing, backups failing) go to no phone by "
        + "SMS"), o.stderr());
  }

  @Test
  void stationsWithoutABarcodeTable_aWarning() throws IOException {
    Path site = siteFile("  stations { DOCK-1 { zone = A, device = \"" + dir.resolve("tty")
        + "\" } }");
    write("tty", "");

    Outcome o = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), o.stderr().toString());
    assertEquals(List.of("dockcount: warning: dockcount.inputs.barcodes is not set: 1 "
        + "station(s) will refuse every product scan as an unknown barcode; set it to the "
        + "barcode table"), o.stderr());
  }

  @Test
  void wmsSecretFileMissingAndOutboxUnwritable_problems_noTokenAtAll_aWarning() throws IOException {
    // Under a plain file: no user, root included, can create the outbox there.
    Path readOnly = write("not-a-dir", "x");
    Path site = siteFile("wms {\n"
        + "  jdbc { url = \"jdbc:postgresql://127.0.0.1:19999/wms\", user = wms,\n"
        + "    password-env = \"\", password-file = \"" + dir.resolve("no-such-pw") + "\",\n"
        + "    queries.book = \"SELECT 1\" }\n"
        + "  http { url = \"http://127.0.0.1:19998/api\", token-env = \"\",\n"
        + "    paths.items = /items }\n"
        + "  export { mode = csv, outbox = \"" + readOnly.resolve("sub") + "\" }\n"
        + "}");
    Outcome o = checkConfig(site.toString());

    assertEquals(2, o.exitCode());
    assertTrue(o.stderr().contains("dockcount: dockcount.wms.jdbc.password-file: "
        + dir.resolve("no-such-pw") + ": no such file"), o.stderr()::toString);
    assertTrue(o.stderr().stream().anyMatch(l -> l.startsWith("dockcount: dockcount.wms.export"
        + ".outbox: " + readOnly.resolve("sub") + " cannot be created")), o.stderr()::toString);
    assertTrue(o.stderr().contains("dockcount: warning: dockcount.wms.http: no token: no "
        + "token-file is given (fine only if the WMS needs none)"), o.stderr()::toString);
  }

  @Test
  void passwordInAJdbcUrl_warned_pointingAtTheVariableOrFile_neverPrinted() throws IOException {
    // Nothing is connected to: check-config reads the settings only.
    Path site = siteFile("wms {\n"
        + "  jdbc { url = \"jdbc:postgresql://127.0.0.1:21201/wms?user=wms&password=url-s3cret\","
        + "\n    queries.book = \"SELECT 1\" }\n"
        + "  export { mode = sql, url = \"jdbc:postgresql://wms:exp-s3cret@127.0.0.1:21201/wms\","
        + "\n    task-sql = \"INSERT INTO t VALUES (:task_key)\" }\n"
        + "}");

    Outcome o = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), o.stderr()::toString);
    assertTrue(o.stderr().contains("dockcount: warning: dockcount.wms.jdbc.url: holds a password "
        + "(a password= parameter): take it out of the URL and set it in the variable "
        + "DOCKCOUNT_WMS_DB_PASSWORD (secrets.env under systemd) or a file named by "
        + "dockcount.wms.jdbc.password-file (README, \"WMS integration\"); dockcount masks it as "
        + "*** in logs and status, but the config file still holds it"), o.stderr()::toString);
    assertTrue(o.stderr().stream().anyMatch(l -> l.startsWith("dockcount: warning: "
        + "dockcount.wms.export.url: holds a password (a user:password@ login): take it out of "
        + "the URL and set it in the variable DOCKCOUNT_WMS_EXPORT_PASSWORD")),
        o.stderr()::toString);
    assertFalse((o.stdout() + o.stderr()).contains("s3cret"), o.stderr()::toString);
  }

  @Test
  void oddBaudRateAndMissingInbox_warnedNotRefused() throws IOException {
    Path site = siteFile("stations {\n"
        + "  DOCK-1 { zone = A, usb { vendor-id = \"0x1eab\", product-id = \"0x1a06\" }, "
        + "baud-rate = 12 }\n"
        + "}\n"
        + "wms.file-drop { inbox = \"" + dir.resolve("no-inbox") + "\" }");

    Outcome o = checkConfig("--no-inputs", site.toString());

    assertEquals(0, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertTrue(o.stderr().stream().anyMatch(l -> l.contains("DOCK-1.baud-rate: 12 is not a "
        + "standard serial speed")), o.stderr()::toString);
    assertTrue(o.stderr().stream().anyMatch(l -> l.contains("the inbox "
        + dir.resolve("no-inbox") + " does not exist now")), o.stderr()::toString);
  }

  @Test
  void badFile_getsOneLinePerAreaAtFault() throws IOException {
    Path site = siteFile("cycle.interval = 0s\n"
        + "reconcile.recount.default.combine = sometimes\n"
        + "inputs.uom = \"" + dir.resolve("missing-uom.csv") + "\"\n"
        + "stations.DOCK-1 { zone = A, device = \"/dev/ttyACM0\", usb { vendor-id = \"0c2e\","
        + " product-id = \"0b81\" } }");

    Outcome o = checkConfig(site.toString());

    assertEquals(2, o.exitCode());
    List<String> err = o.stderr();
    assertEquals(5, err.size(), () -> String.join("\n", err));
    assertTrue(err.get(0).contains("dockcount.reconcile") && err.get(0).contains("sometimes"),
        err.get(0));
    assertTrue(err.get(1).startsWith("dockcount: " + site + ": 5: dockcount.cycle.interval "
        + "must be longer than 0"), err.get(1));
    assertEquals("dockcount: dockcount.stations: station DOCK-1: set exactly one of 'device' and"
        + " 'usb'", err.get(2));
    assertEquals("dockcount: dockcount.inputs.uom: " + dir.resolve("missing-uom.csv")
        + ": no such file", err.get(3));
    assertEquals("dockcount: " + site + ": 4 problems; the service would not start", err.get(4));
    assertEquals("", o.stdout());
  }

  @Test
  void severalBadServiceSettings_everyOneListed_fileLineKeyAndReasonEach() throws IOException {
    Path site = siteFile("  cycle.interval = 0s\n"
        + "  ask-timeout = 0s\n"
        + "  cycle.max-recounts = -1\n"
        + "  cycle.high-value-threshold = \"500,00\"");

    Outcome o = checkConfig("--no-inputs", site.toString());

    assertEquals(2, o.exitCode());
    assertEquals(List.of(
        "dockcount: " + site + ": 5: dockcount.cycle.interval must be longer than 0, was PT0S",
        "dockcount: " + site + ": 8: dockcount.cycle.high-value-threshold must be a plain "
            + "decimal such as 500.00, was \"500,00\"",
        "dockcount: " + site + ": 7: dockcount.cycle.max-recounts must be between 0 and 10, "
            + "was -1",
        "dockcount: " + site + ": 6: dockcount.ask-timeout must be longer than 0, was PT0S",
        "dockcount: " + site + ": 4 problems; the service would not start"), o.stderr());
  }

  @Test
  void siteFileGivenByARelativePath_namedSoInEveryLine() throws IOException {
    Path site = siteFile("  cycle.interval = 5\n  console.prot = 18080");
    Path relative = Path.of("").toAbsolutePath().relativize(site.toAbsolutePath());

    Outcome o = checkConfig("--no-inputs", relative.toString());

    assertEquals(2, o.exitCode());
    assertEquals(List.of("dockcount: " + relative + ": 6: dockcount.console.prot is not a "
        + "known setting (misspelt?); see application.conf and reference.conf for every key",
        "dockcount: " + relative + ": 5: dockcount.cycle.interval needs a unit, such as 15m, "
            + "30s or 500ms; was 5",
        "dockcount: " + relative + ": 2 problems; the service would not start"), o.stderr());
  }

  @Test
  void syntaxError_namesTheFileAndLine() throws IOException {
    Path site = write("broken.conf", "dockcount {\n  cycle.interval = 15m\n  inputs {\n");

    Outcome o = checkConfig(site.toString());

    assertEquals(2, o.exitCode());
    assertTrue(o.stderr().get(0).contains("broken.conf: 4:"), o.stderr().get(0));
  }

  @Test
  void misspeltKey_isAProblemExit2() throws IOException {
    Path site = siteFile("cylce.interval = 5m\nconsole.prot = 18080");

    Outcome o = checkConfig(site.toString());

    assertEquals(2, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertEquals(List.of("dockcount: " + site + ": 6: dockcount.console.prot is not a known "
        + "setting (misspelt?); see application.conf and reference.conf for every key",
        "dockcount: " + site + ": 5: dockcount.cylce.interval is not a known setting "
        + "(misspelt?); see application.conf and reference.conf for every key",
        "dockcount: " + site + ": 2 problems; the service would not start"),
        o.stderr());
  }

  @Test
  void misspeltKeyInAnIncludedFile_namedWithThatFileAndLine_byCheckConfigAndRun()
      throws IOException {
    Path common = write("common.conf", "# shared by the docks\ndockcount.cycle.intervall = 5m\n");
    Path site = siteFile("");
    Files.writeString(site, "include \"common.conf\"\n" + Files.readString(site));

    Outcome o = checkConfig(site.toString());
    InputException run = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
        () -> ServiceConfig.load(site, com.typesafe.config.ConfigFactory.empty()));

    String said = common + ": 2: dockcount.cycle.intervall is not a known setting (misspelt?); "
        + "see application.conf and reference.conf for every key";
    assertEquals(List.of("dockcount: " + said,
        "dockcount: " + site + ": 1 problem; the service would not start"), o.stderr());
    assertEquals(said, run.getMessage());
  }

  @Test
  void relativeInputPathNotThere_namesTheWorkingDirectoryItWasReadFrom() throws IOException {
    Path site = siteFile("  inputs.uom = \"h80-uom-not-here.csv\"");

    Outcome o = checkConfig(site.toString());

    assertEquals(2, o.exitCode());
    assertEquals("dockcount: dockcount.inputs.uom: h80-uom-not-here.csv ("
        + Path.of("h80-uom-not-here.csv").toAbsolutePath().normalize()
        + ": a relative path is read from the working directory): no such file",
        o.stderr().get(0));
  }

  @Test
  void secretFileEveryUserMayRead_warnedNamingTheSetting() throws IOException {
    Path token = write("api-token", "0123456789abcdef0123\n");
    Files.setPosixFilePermissions(token, java.nio.file.attribute.PosixFilePermissions
        .fromString("rw-r--r--"));
    Path site = siteFile("  console.api-token-file = \"" + token + "\"");

    Outcome readable = checkConfig(site.toString());
    Files.setPosixFilePermissions(token, java.nio.file.attribute.PosixFilePermissions
        .fromString("rw-r-----"));
    Outcome closed = checkConfig(site.toString());

    assertEquals(0, readable.exitCode(), readable.stderr().toString());
    assertEquals(List.of("dockcount: warning: dockcount.console.api-token-file: " + token
        + " is readable by every user of this machine: chmod o-r it (0640, owner root, group "
        + "dockcount, under systemd)"), readable.stderr());
    assertEquals(List.of(), closed.stderr());
  }

  @Test
  void secretInAFileAndInItsVariable_warnedThatTheVariableWins() throws IOException {
    Path token = secret("twilio-token", "0123456789abcdef0123456789abcdef\n");
    // PATH stands for a token variable that this test's environment surely has set.
    Path site = siteFile("  alerts.sms.accounts.default { account-sid = "
        + "\"AC0123456789abcdef0123456789abcdef\", from = \"+15550001111\", "
        + "auth-token-env = PATH, auth-token-file = \"" + token + "\" }");

    Outcome o = checkConfig(site.toString());
    Files.writeString(token, System.getenv("PATH") + "\n");
    Outcome same = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), o.stderr().toString());
    assertTrue(o.stderr().contains("dockcount: warning: dockcount.alerts.sms.accounts.default."
        + "auth-token-file: " + token + " is not read: PATH is set in this environment to "
        + "another value and wins over the file; keep the secret in one place (unset PATH, or "
        + "in secrets.env under systemd, or leave the file out)"), o.stderr()::toString);
    // The file's own token exported (as for dockcount status): the two agree, nothing to say.
    assertTrue(same.stderr().stream().noneMatch(l -> l.contains("is not read")),
        same.stderr()::toString);
  }

  @Test
  void misspeltTopLevelKey_isAProblemExit2() throws IOException {
    Path site = siteFile("");
    Files.writeString(site, "dokcount.console.port = 21960\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);

    Outcome o = checkConfig(site.toString());

    assertEquals(2, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertEquals(List.of("dockcount: " + site + ": 7: dokcount is not a dockcount setting "
        + "(misspelt?): every key starts with dockcount. (e.g. dockcount.cycle.interval)",
        "dockcount: " + site + ": 1 problem; the service would not start"), o.stderr());
  }

  @Test
  void includeOfAFileNotThere_aProblemNamingItsLine_oneThatIsThereRead() throws IOException {
    Path common = write("common.conf", "dockcount.console.port = 21960\n");
    Path site = siteFile("");
    String text = Files.readString(site);
    Files.writeString(site, "include \"common\"\ninclude \"comon.conf\"\n" + text);

    Outcome o = checkConfig(site.toString());

    assertEquals(2, o.exitCode());
    assertEquals(List.of("dockcount: " + site + ": 2: include \"comon.conf\": no such file "
        + "beside it (" + dir.resolve("comon.conf") + "); a missing include is left out without "
        + "a word, so fix its name or remove the line",
        "dockcount: " + site + ": 1 problem; the service would not start"), o.stderr());
    Files.writeString(site, "include \"common\"\n" + text);
    assertEquals(0, checkConfig(site.toString()).exitCode(), common + " is there");
  }

  @Test
  void bookPathADirectory_saidSoNotAsAMissingFile() throws IOException {
    Path site = siteFile("");
    Files.delete(dir.resolve("book.csv"));
    Files.createDirectories(dir.resolve("book.csv"));

    Outcome o = checkConfig(site.toString());

    assertEquals(2, o.exitCode());
    assertEquals("dockcount: dockcount.inputs.book: " + dir.resolve("book.csv")
        + ": a directory, not a file", o.stderr().get(0));
  }

  @Test
  void bookOfAHeaderOnly_warnedThatNoZoneCanCount() throws IOException {
    Path site = siteFile("");
    write("book.csv", "sku,location,book_qty\n");

    Outcome o = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertEquals(List.of("dockcount: warning: dockcount.inputs.book: " + dir.resolve("book.csv")
        + " has no rows (a header only?): no zone can count, every location label will be "
        + "refused"), o.stderr());
  }

  @Test
  void backupDirectoryThatCannotBeCreated_isAProblem() throws IOException {
    Path site = siteFile("backup.dir = \"" + dir.resolve("book.csv").resolve("backup") + "\"");

    Outcome o = checkConfig(site.toString());

    assertEquals(2, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertTrue(o.stderr().get(0).startsWith("dockcount: dockcount.backup.dir: "
        + dir.resolve("book.csv").resolve("backup") + " cannot be created"), o.stderr().get(0));
  }

  @Test
  void stationBlockWithAMisspeltKey_namedWithItsLine() throws IOException {
    Path site = siteFile("stations.DOCK-2 {\n  zon = B\n  device = \"/dev/null\"\n}");

    Outcome o = checkConfig("--no-inputs", site.toString());

    assertEquals(2, o.exitCode());
    assertTrue(o.stderr().get(0).contains("station DOCK-2: 'zon' is not a station setting"),
        o.stderr().get(0));
    assertTrue(o.stderr().get(0).contains(site.getFileName() + ": 6"), o.stderr().get(0));
  }

  @Test
  void missingFile_exits2() {
    Outcome o = checkConfig(dir.resolve("nope.conf").toString());

    assertEquals(2, o.exitCode());
    assertEquals("dockcount: " + dir.resolve("nope.conf") + ": no such config file",
        o.stderr().get(0));
  }

  @Test
  void goodFile_withAlertsWmsConsoleAndLights_isValid() throws IOException {
    Path hook = secret("slack-url", "http://127.0.0.1:9/services/T000/B000/XXXX\n");
    Files.createDirectories(dir.resolve("inbox"));
    Path site = siteFile("stations.DOCK-1 { zone = A, device = \"/dev/scanner/dock-1\", "
        + "gpio { good-pin = 5, bad-pin = 6 } }\n"
        + "counting { gpio = mock, silence-alert = 10m }\n"
        + "alerts { dry-run = false, channels.recount = [slack], channels.high-value = [slack], "
        + "channels.station-disconnected = [slack], "
        + "slack { webhook-url-env = DOCKCOUNT_TEST_UNSET_WEBHOOK, webhook-url-file = \""
        + hook + "\" } }\n"
        + "wms { file-drop.inbox = \"" + dir.resolve("inbox") + "\", max-snapshot-age = 12h }\n"
        + "console { port = 8443 }");

    Outcome o = checkConfig(site.toString());

    assertEquals(0, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertEquals(site + ": OK (1 station, 2 warnings above)\n", o.stdout());
    // No start-up barcodes: with a WMS, red until it delivers a barcode table.
    assertTrue(o.stderr().contains("dockcount: warning: dockcount.inputs.barcodes is not set: 1 "
        + "station(s) will refuse every product scan as an unknown barcode until the WMS "
        + "delivers a barcode table (a restart keeps the last it did)"), o.stderr()::toString);
  }

  @Test
  void liveTwilioAccount_reportOnly_noInfoLogLines() throws IOException {
    Path hook = secret("slack-url", "http://127.0.0.1:21770/services/T000/B000/XXXX\n");
    Path token = secret("twilio-token", "0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(token, java.nio.file.attribute.PosixFilePermissions
        .fromString("rw-------"));
    Path site = siteFile("alerts { dry-run = false, supervisors { \"*\" = [\"+15551234567\"] }, "
        + "sms { accounts { default { account-sid = \"AC00000000000000000000000000000000\", "
        + "from = \"+15550001111\", auth-token-file = \"" + token + "\" } } }, "
        + "slack { webhook-url-file = \"" + hook + "\" } }");
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level before = root.getLevel();
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    root.addAppender(logged);
    Outcome o;
    try {
      o = checkConfig("--no-inputs", site.toString());
    } finally {
      root.detachAppender(logged);
    }

    assertEquals(0, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertEquals(site + ": OK (0 stations, input files not checked)\n", o.stdout());
    List<String> below = logged.list.stream()
        .filter(e -> !e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
        .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    assertEquals(List.of(), below, "check-config's output is its report, no log lines");
    assertEquals(before, root.getLevel(), "the log level is given back");
  }

  @Test
  void liveAlertsWithoutAnySecret_everyMissingSecretReportedAtOnce() throws IOException {
    Path site = siteFile("alerts { dry-run = false, supervisors { \"*\" = [\"+15551234567\"] }, "
        + "sms { accounts { default { account-sid = \"AC00000000000000000000000000000000\", "
        + "from = \"+15550001111\", auth-token-env = DOCKCOUNT_TEST_UNSET_TOKEN } } }, "
        + "slack { webhook-url-env = DOCKCOUNT_TEST_UNSET_WEBHOOK } }");

    Outcome o = checkConfig("--no-inputs", site.toString());

    assertEquals(2, o.exitCode());
    assertTrue(o.stderr().stream().anyMatch(l -> l.contains("dockcount.alerts.sms")),
        () -> String.join("\n", o.stderr()));
    assertTrue(o.stderr().stream().anyMatch(l -> l.contains("dockcount.alerts.slack")),
        () -> String.join("\n", o.stderr()));
  }

  @Test
  void badAlertsWmsConsoleAndCounting_getOneLineEach() throws IOException {
    Path site = siteFile("counting.gpio = maybe\n"
        + "alerts.channels.recount = [sms, pager]\n"
        + "wms.max-snapshot-age = 0s\n"
        + "console.port = 70000");

    Outcome o = checkConfig(site.toString());

    assertEquals(2, o.exitCode());
    List<String> err = o.stderr();
    assertEquals(5, err.size(), () -> String.join("\n", err));
    assertEquals("dockcount: dockcount.counting.gpio must be auto or mock, was maybe", err.get(0));
    assertTrue(err.get(1).startsWith("dockcount: dockcount.alerts.channels.recount: unknown "
        + "channel 'pager'"), err.get(1));
    assertTrue(err.get(2).startsWith("dockcount: dockcount.wms.max-snapshot-age"), err.get(2));
    assertEquals("dockcount: dockcount.console.port must be between 0 and 65535, was 70000",
        err.get(3));
    assertEquals("dockcount: " + site + ": 4 problems; the service would not start", err.get(4));
  }

  @Test
  void alertsWithoutTheirSecret_nameTheVariableToSet() throws IOException {
    Path site = siteFile("alerts { dry-run = false, "
        + "slack.webhook-url-env = DOCKCOUNT_TEST_UNSET_WEBHOOK }");

    Outcome o = checkConfig(site.toString());

    assertEquals(2, o.exitCode());
    assertTrue(o.stderr().get(0).startsWith("dockcount: dockcount.alerts"), o.stderr().get(0));
    assertTrue(o.stderr().get(0).contains("webhook-url-env"), o.stderr().get(0));
  }

  @Test
  void shippedConfig_commentedExamples_areValidWhenUncommented() throws IOException {
    StringBuilder b = new StringBuilder();
    boolean inBlock = false;
    for (String line : Files.readAllLines(SHIPPED)) {
      boolean opens = line.matches("  # (stations|alerts|wms) \\{") || line.matches(
          "  # counting \\{.*\\}");
      if (opens || inBlock) {
        b.append(line.replaceFirst("^  # ", "  ")).append('\n');
        // A block ends at its closing line; a one-line block ends where it starts.
        inBlock = opens ? line.endsWith("{") : !line.equals("  # }");
      } else {
        b.append(line).append('\n');
      }
    }
    // A site writes its own account SID over the example's placeholder, which is refused.
    String uncommented = b.toString().replace("ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "AC" + "0".repeat(32));
    // The examples turn real sending on; its secrets are not in a test's environment.
    Path site = write("uncommented.conf", uncommented + "dockcount.alerts.dry-run = true\n");
    assertTrue(uncommented.contains("  alerts {") && uncommented.contains("  wms {")
        && uncommented.contains("  stations {") && uncommented.contains("  counting {"),
        uncommented);

    Outcome o = checkConfig("--no-inputs", site.toString());

    assertEquals(0, o.exitCode(), () -> String.join("\n", o.stderr()));
    assertEquals(site + ": OK (2 stations, input files not checked, 2 warnings above)\n",
        o.stdout());
    assertTrue(o.stderr().stream().noneMatch(l -> l.contains("not a known setting")),
        "the examples use only known keys: " + o.stderr());
  }
}
