package io.dockcount.scan;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The serial ports of this machine with what an installer needs to configure a station: USB
 * vendor id, product id and serial number, and the stable names that lead to each port.
 *
 * <p>Stable names are the symlinks in {@code /dev/serial/by-id} (made by udev for every USB
 * serial device, named after maker, model and serial number) and site udev rules' links under
 * {@code /dev/scanner} (either a directory of links or one link). A link whose target is a port
 * jSerialComm does not enumerate (a pseudo-terminal, a port on an unusual driver) still lists
 * that port, without USB ids. Links are resolved at the time of listing only.
 */
public final class PortInventory {
  /** Where udev puts stable names, in the order they are preferred. */
  public static final List<Path> DEFAULT_LINK_PLACES =
      List.of(Path.of("/dev/serial/by-id"), Path.of("/dev/scanner"));

  /**
   * One port.
   *
   * @param device the device node, e.g. {@code /dev/ttyACM0}
   * @param description what the driver says it is, or empty
   * @param vendorId the USB vendor id, -1 if not USB or unknown
   * @param productId the USB product id, -1 if not USB or unknown
   * @param serial the USB serial number, or empty
   * @param stablePaths links that resolve to {@code device}, sorted
   */
  public record Port(String device, String description, int vendorId, int productId,
      String serial, List<String> stablePaths) {
    public Port {
      stablePaths = List.copyOf(stablePaths);
    }
  }

  private PortInventory() {}

  /** Lists the ports jSerialComm sees plus any port a stable name points to. */
  public static List<Port> list(List<Path> linkPlaces) {
    List<Port> seen = new ArrayList<>();
    for (SerialPort p : SerialPort.getCommPorts()) {
      seen.add(new Port(p.getSystemPortPath(), nullToEmpty(p.getPortDescription()),
          p.getVendorID(), p.getProductID(), nullToEmpty(p.getSerialNumber()), List.of()));
    }
    return merge(seen, stableNames(linkPlaces));
  }

  /**
   * Returns every symlink found in {@code places} keyed by the real path it resolves to. A place
   * that is a directory contributes its symlink entries; a place that is itself a symlink
   * contributes itself. Missing places and dangling links are skipped.
   */
  public static Map<String, Set<String>> stableNames(List<Path> places) {
    Map<String, Set<String>> byTarget = new TreeMap<>();
    for (Path place : places) {
      if (Files.isSymbolicLink(place)) {
        addLink(byTarget, place);
      } else if (Files.isDirectory(place)) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(place)) {
          for (Path e : entries) {
            if (Files.isSymbolicLink(e)) {
              addLink(byTarget, e);
            }
          }
        } catch (IOException e) {
          // An unreadable place lists nothing; the ports themselves are still shown.
        }
      }
    }
    return byTarget;
  }

  /**
   * Attaches the stable names to the ports they resolve to; a name whose target is not among
   * {@code ports} adds that target as a port without USB ids. Sorted by device.
   */
  public static List<Port> merge(List<Port> ports, Map<String, Set<String>> names) {
    Map<String, Port> byDevice = new TreeMap<>();
    for (Port p : ports) {
      String real = realPath(p.device());
      Set<String> links = names.getOrDefault(real, Set.of());
      byDevice.put(p.device(), new Port(p.device(), p.description(), p.vendorId(),
          p.productId(), p.serial(), new ArrayList<>(new TreeSet<>(links))));
    }
    Set<String> known = new TreeSet<>();
    byDevice.keySet().forEach(d -> known.add(realPath(d)));
    names.forEach((target, links) -> {
      if (!known.contains(target)) {
        byDevice.put(target, new Port(target, "", -1, -1, "", new ArrayList<>(links)));
      }
    });
    return List.copyOf(byDevice.values());
  }

  /** Formats the listing for a terminal: one block per port, or what to check when empty. */
  public static String format(List<Port> ports) {
    if (ports.isEmpty()) {
      return "No serial ports found. Check that the scanner is plugged in and set to USB serial"
          + " (CDC/VCP) mode, not USB keyboard mode, and that this user may read /dev"
          + " (group dialout).\n";
    }
    StringBuilder sb = new StringBuilder();
    for (Port p : ports) {
      sb.append(p.device());
      if (!p.description().isEmpty()) {
        sb.append("  ").append(p.description());
      }
      sb.append('\n');
      sb.append("  usb: ").append(p.vendorId() < 0 ? "-" : String.format("vendor %04x product"
          + " %04x serial %s", p.vendorId(), p.productId(), p.serial().isEmpty() ? "(none)"
          : p.serial())).append('\n');
      if (p.stablePaths().isEmpty()) {
        sb.append("  stable path: (none: configure by usb ids, or add a udev rule)\n");
      }
      for (String link : p.stablePaths()) {
        sb.append("  stable path: ").append(link).append('\n');
      }
    }
    return sb.toString();
  }

  private static void addLink(Map<String, Set<String>> byTarget, Path link) {
    try {
      byTarget.computeIfAbsent(link.toRealPath().toString(), k -> new TreeSet<>())
          .add(link.toAbsolutePath().toString());
    } catch (IOException e) {
      // A dangling link names no port now; it is not a port to list.
    }
  }

  private static String realPath(String device) {
    try {
      return Path.of(device).toRealPath().toString();
    } catch (IOException e) {
      return device;
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s.strip();
  }
}
