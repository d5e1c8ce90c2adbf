package io.dockcount.scan;

import java.util.Objects;

/**
 * Which serial device a station reads: a path (best a stable {@code /dev/serial/by-id/...} or
 * udev symlink, resolved again at every open) or a USB vendor id, product id and serial number.
 */
public sealed interface DeviceSelector {
  /** A device path; a symlink is followed at each open, never remembered. */
  record ByPath(String path) implements DeviceSelector {
    public ByPath {
      Objects.requireNonNull(path, "path");
      if (path.isBlank()) {
        throw new IllegalArgumentException("device path is empty");
      }
    }

    @Override
    public String toString() {
      return path;
    }
  }

  /**
   * A USB device by ids; {@code serialNumber} empty matches any, which is only safe with one
   * such scanner on the machine.
   */
  record ByUsbId(int vendorId, int productId, String serialNumber) implements DeviceSelector {
    public ByUsbId {
      Objects.requireNonNull(serialNumber, "serialNumber");
      if (vendorId < 0 || vendorId > 0xffff || productId < 0 || productId > 0xffff) {
        throw new IllegalArgumentException(String.format(
            "USB ids must be 16-bit: vendor %d, product %d", vendorId, productId));
      }
    }

    @Override
    public String toString() {
      return String.format("usb %04x:%04x serial '%s'", vendorId, productId, serialNumber);
    }
  }
}
