package io.dockcount.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dockcount.core.barcode.Framer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ScannerSettingsTest {
  private static final Config DEFAULTS =
      ConfigFactory.defaultReference().getConfig("dockcount.scanner");

  @Test
  void fromConfig_pathStation_defaultsFilledIn() {
    Config c = ConfigFactory.parseString(
        "zone = B, device = \"/dev/serial/by-id/usb-ACME_Scanner_SN0001-if00\"");

    ScannerSettings s = ScannerSettings.fromConfig("DOCK-3", c, DEFAULTS);

    assertEquals(new DeviceSelector.ByPath("/dev/serial/by-id/usb-ACME_Scanner_SN0001-if00"),
        s.device());
    assertEquals("B", s.zone());
    assertEquals(9600, s.baudRate());
    assertEquals(ScannerSettings.Parity.NONE, s.parity());
    assertEquals(Set.of(Framer.Terminator.CR, Framer.Terminator.LF), s.terminators());
    assertEquals(Duration.ofSeconds(2), s.idleTimeout());
  }

  @Test
  void fromConfig_usbStationWithFraming() {
    Config c = ConfigFactory.parseString("zone = A, usb { vendor-id = \"0x1EAB\", "
        + "product-id = 1a03, serial = SN0001 }, baud-rate = 115200, data-bits = 7, "
        + "parity = even, stop-bits = 2, terminators = [ETX]");

    ScannerSettings s = ScannerSettings.fromConfig("DOCK-1", c, DEFAULTS);

    assertEquals(new DeviceSelector.ByUsbId(0x1eab, 0x1a03, "SN0001"), s.device());
    assertEquals(115200, s.baudRate());
    assertEquals(7, s.dataBits());
    assertEquals(ScannerSettings.Parity.EVEN, s.parity());
    assertEquals(2, s.stopBits());
    assertEquals(Set.of(Framer.Terminator.ETX), s.terminators());
  }

  @Test
  void fromConfig_impossibleSettings_refusedNamingStationAndSetting() {
    String[] bad = {
        "zone = A",
        "zone = A, device = /dev/x, usb { vendor-id = 1, product-id = 2 }",
        "zone = A, device = /dev/x, data-bits = 9",
        "zone = A, device = /dev/x, stop-bits = 3",
        "zone = A, device = /dev/x, terminators = [NUL]",
        "zone = A, device = /dev/x, poll-interval = 5s",
        "device = /dev/x",
    };
    for (String text : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ScannerSettings.fromConfig("DOCK-9", ConfigFactory.parseString(text), DEFAULTS),
          text);
      assertTrue(e.getMessage().startsWith("station DOCK-9: "), e.getMessage());
    }
  }

  @Test
  void allFromConfig_stationsInIdOrderAndSharedDeviceRefused() {
    Config root = ConfigFactory.parseString(String.join("\n",
        "dockcount.stations {",
        "  DOCK-3 { zone = B, device = \"/dev/serial/by-id/usb-ACME_Scanner_SN0001-if00\" }",
        "  DOCK-1 { zone = A, usb { vendor-id = 1eab, product-id = 1a03, serial = SN7 } }",
        "}")).withFallback(ConfigFactory.defaultReference());
    Config clash = ConfigFactory.parseString(
        "dockcount.stations.DOCK-4 { zone = C, usb { vendor-id = 1eab, product-id = 1a03, "
            + "serial = SN7 } }").withFallback(root);

    List<ScannerSettings> all = ScannerSettings.allFromConfig(root);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScannerSettings.allFromConfig(clash));

    assertEquals(List.of("DOCK-1", "DOCK-3"), all.stream().map(ScannerSettings::station)
        .toList());
    assertEquals("station DOCK-4: device usb 1eab:1a03 serial 'SN7' is already station DOCK-1's"
        + " scanner", e.getMessage());
  }

  @Test
  void allFromConfig_twoNamesOfOnePort_refusedNamingBoth(@TempDir Path dir) throws IOException {
    Path port = Files.createFile(dir.resolve("ttyACM0"));
    Path byId = Files.createSymbolicLink(dir.resolve("usb-ACME_Scanner_SN0001-if00"), port);
    Path byUdev = Files.createSymbolicLink(dir.resolve("acme-1a03-SN0001"), port);
    Config root = ConfigFactory.parseString(String.join("\n",
        "dockcount.stations {",
        "  DOCK-1 { zone = A, device = \"" + byId + "\" }",
        "  DOCK-2 { zone = B, device = \"" + byUdev + "\" }",
        "  DOCK-3 { zone = C, device = \"" + dir.resolve("unplugged") + "\" }",
        "}")).withFallback(ConfigFactory.defaultReference());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScannerSettings.allFromConfig(root));

    // The udev rules give one scanner both names: each station would get some of its scans.
    assertEquals("station DOCK-2: device " + byUdev + " is the port " + port.toRealPath()
        + ", as station DOCK-1's device " + byId + " is: already that station's scanner",
        e.getMessage());
  }

  @Test
  void resolve_symlinkChain_followedAtEachCall(@TempDir Path dir) throws IOException {
    Path first = Files.createFile(dir.resolve("ttyACM0"));
    Path second = Files.createFile(dir.resolve("ttyACM1"));
    Path byId = dir.resolve("usb-ACME_Scanner_SN0001-if00");
    Files.createSymbolicLink(byId, first);
    DeviceSelector selector = new DeviceSelector.ByPath(byId.toString());

    String before = JSerialCommSource.resolve(selector);
    Files.delete(byId);
    Files.createSymbolicLink(byId, second);
    String after = JSerialCommSource.resolve(selector);
    Files.delete(byId);

    assertEquals(first.toRealPath().toString(), before);
    assertEquals(second.toRealPath().toString(), after);
    IOException gone = assertThrows(IOException.class, () -> JSerialCommSource.resolve(selector));
    assertTrue(gone.getMessage().endsWith("is not present"), gone.getMessage());
  }

  @Test
  void resolve_usbIdsOfNoAttachedDevice_notPresent() {
    DeviceSelector none = new DeviceSelector.ByUsbId(0xfffe, 0xfffd, "NO-SUCH-SERIAL");

    IOException e = assertThrows(IOException.class, () -> JSerialCommSource.resolve(none));

    assertTrue(e.getMessage().contains("usb fffe:fffd serial 'NO-SUCH-SERIAL' is not present"),
        e.getMessage());
  }

  @Test
  void open_absentDevice_ioExceptionForRetry(@TempDir Path dir) {
    ScannerSettings s = ScannerSettings.forPath("DOCK-4", "A", dir.resolve("none").toString());

    assertThrows(IOException.class, () -> new JSerialCommSource(s).open());
  }

  @Test
  void open_aFileThatIsNoTty_namesItOnce_andTheLinkItWasReachedBy(@TempDir Path dir)
      throws IOException {
    Path file = Files.createFile(dir.resolve("book.csv")).toRealPath();
    Path link = Files.createSymbolicLink(dir.resolve("scanner-dock-4"), file);

    IOException direct = assertThrows(IOException.class, () -> new JSerialCommSource(
        ScannerSettings.forPath("DOCK-4", "A", file.toString())).open());
    IOException linked = assertThrows(IOException.class, () -> new JSerialCommSource(
        ScannerSettings.forPath("DOCK-4", "A", link.toString())).open());

    assertTrue(direct.getMessage().startsWith("cannot open " + file + " (not a serial device"),
        direct.getMessage());
    assertTrue(linked.getMessage().startsWith("cannot open " + file + " for " + link + " ("),
        linked.getMessage());
  }
}
