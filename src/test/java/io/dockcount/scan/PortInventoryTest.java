package io.dockcount.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code dockcount scanners}: stable names found on a temp dir of links to socat ptys. */
@Timeout(60)
final class PortInventoryTest {
  @TempDir
  Path dir;

  @Test
  void linksToPseudoTerminals_resolveToTheirPortsSorted() throws Exception {
    SocatPair.assumeSocat();
    try (SocatPair a = new SocatPair(Files.createDirectory(dir.resolve("a"))).plugIn();
        SocatPair b = new SocatPair(Files.createDirectory(dir.resolve("b"))).plugIn()) {
      Path byId = Files.createDirectory(dir.resolve("by-id"));
      Files.createSymbolicLink(byId.resolve("usb-ACME_Scan_SN2-if00"), a.hostEnd());
      Files.createSymbolicLink(byId.resolve("usb-ACME_Scan_SN1-if00"), b.hostEnd());
      Files.createSymbolicLink(byId.resolve("dangling"), dir.resolve("nothing-here"));
      Path dock3 = Files.createSymbolicLink(dir.resolve("dock3"), a.hostEnd());

      Map<String, Set<String>> names = PortInventory.stableNames(List.of(byId, dock3,
          dir.resolve("absent")));

      String ptyA = a.hostEnd().toRealPath().toString();
      String ptyB = b.hostEnd().toRealPath().toString();
      assertEquals(Set.of(ptyA, ptyB), names.keySet());
      assertEquals(Set.of(byId.resolve("usb-ACME_Scan_SN2-if00").toString(), dock3.toString()),
          names.get(ptyA));
    }
  }

  @Test
  void portKnownToJSerialComm_getsItsLinksAndUsbIds() {
    Map<String, Set<String>> names = Map.of("/dev/ttyACM0", Set.of("/dev/scanner/dock3",
        "/dev/serial/by-id/usb-ACME_Scan_0001-if00"), "/dev/pts/7", Set.of("/tmp/x/link"));
    List<PortInventory.Port> ports = PortInventory.merge(List.of(new PortInventory.Port(
        "/dev/ttyACM0", "ACME Scan", 0x1eab, 0x1a03, "0001", List.of()),
        new PortInventory.Port("/dev/ttyS0", "", -1, -1, "", List.of())), names);

    String text = PortInventory.format(ports);

    assertEquals(List.of("/dev/pts/7", "/dev/ttyACM0", "/dev/ttyS0"),
        ports.stream().map(PortInventory.Port::device).toList());
    assertEquals("""
        /dev/pts/7
          usb: -
          stable path: /tmp/x/link
        /dev/ttyACM0  ACME Scan
          usb: vendor 1eab product 1a03 serial 0001
          stable path: /dev/scanner/dock3
          stable path: /dev/serial/by-id/usb-ACME_Scan_0001-if00
        /dev/ttyS0
          usb: -
          stable path: (none: configure by usb ids, or add a udev rule)
        """, text);
  }

  @Test
  void noPorts_saysWhatToCheck() {
    String text = PortInventory.format(List.of());

    assertTrue(text.startsWith("No serial ports found."), text);
    assertTrue(text.contains("USB serial (CDC/VCP) mode"), text);
  }

  @Test
  void scannersCommand_listsThePtyBehindALink() throws Exception {
    SocatPair.assumeSocat();
    try (SocatPair a = new SocatPair(Files.createDirectory(dir.resolve("a"))).plugIn()) {
      Path links = Files.createDirectory(dir.resolve("links"));
      Files.createSymbolicLink(links.resolve("dock7"), a.hostEnd());

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream saved = System.out;
      int code;
      try {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        code = Main.run("scanners", "--links", links.toString());
      } finally {
        System.setOut(saved);
      }

      String text = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, code);
      assertTrue(text.contains(a.hostEnd().toRealPath() + "\n  usb: -\n  stable path: "
          + links.resolve("dock7")), text);
    }
  }
}
