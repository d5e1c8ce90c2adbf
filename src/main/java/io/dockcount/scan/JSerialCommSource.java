package io.dockcount.scan;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SerialPortSource} over jSerialComm.
 *
 * <p>Reads are semi-blocking with the poll interval as timeout, so the reader thread wakes
 * regularly without being interrupted. A lost device is seen in two ways: the read fails
 * (a USB CDC or pseudo-terminal hang-up makes {@code readBytes} return -1 with EIO), or the
 * read times out and the device node is gone or its stable name points elsewhere. jSerialComm's
 * own disconnect listener is not used: it would poll the same descriptor from a second thread,
 * and the read loop already sees the hang-up.
 */
public final class JSerialCommSource implements SerialPortSource {
  private final ScannerSettings settings;

  public JSerialCommSource(ScannerSettings settings) {
    this.settings = settings;
  }

  @Override
  public String describe() {
    return settings.device().toString();
  }

  @Override
  public ScannerPort open() throws IOException {
    String node = resolve(settings.device());
    SerialPort port;
    try {
      port = SerialPort.getCommPort(node);
    } catch (SerialPortInvalidPortException e) {
      throw new IOException(node + " is not a serial port: " + e.getMessage(), e);
    }
    port.setComPortParameters(settings.baudRate(), settings.dataBits(), stopBits(),
        parity());
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING,
        (int) settings.pollInterval().toMillis(), 0);
    if (!port.openPort()) {
      // The configured name only where it differs: a by-id link or USB ids, not the node again.
      throw new IOException("cannot open " + node
          + (node.equals(describe()) ? "" : " for " + describe()) + " ("
          + errno(port.getLastErrorCode()) + ")");
    }
    return new Port(port, node, waiting(port));
  }

  /** Reads what the device had sent before the port was opened (see waitingAtOpen). */
  private static byte[] waiting(SerialPort port) {
    int n = port.bytesAvailable();
    if (n <= 0) {
      return new byte[0];
    }
    byte[] buf = new byte[n];
    int read = port.readBytes(buf, n);
    return read <= 0 ? new byte[0] : java.util.Arrays.copyOf(buf, read);
  }

  /** Returns the device node the selector names now. */
  static String resolve(DeviceSelector device) throws IOException {
    if (device instanceof DeviceSelector.ByPath p) {
      Path path = Path.of(p.path());
      if (!Files.exists(path)) {
        throw new IOException("device " + p.path() + " is not present");
      }
      return path.toRealPath().toString();
    }
    DeviceSelector.ByUsbId usb = (DeviceSelector.ByUsbId) device;
    List<String> matches = new ArrayList<>();
    for (SerialPort candidate : SerialPort.getCommPorts()) {
      if (candidate.getVendorID() == usb.vendorId() && candidate.getProductID() == usb.productId()
          && (usb.serialNumber().isEmpty()
              || usb.serialNumber().equals(candidate.getSerialNumber()))) {
        matches.add(candidate.getSystemPortPath());
      }
    }
    if (matches.isEmpty()) {
      throw new IOException(device + " is not present");
    }
    if (matches.size() > 1) {
      throw new IOException(device + " matches several ports " + matches
          + ": configure its serial number");
    }
    return matches.get(0);
  }

  /** Names the Linux error numbers a serial read meets; an alert's reader needs no table. */
  static String errno(int code) {
    String what = switch (code) {
      case 5 -> "input/output error: the scanner was unplugged or failed";
      case 6, 19 -> "no such device: the scanner is gone";
      case 11 -> "the port was closed under the reader";
      case 13 -> "permission denied: is the service user in the dialout group?";
      case 21 -> "a directory, not a serial device";
      case 25 -> "not a serial device (not a tty)";
      default -> null;
    };
    return what == null ? "error " + code : what + ", error " + code;
  }

  private int stopBits() {
    return settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
  }

  private int parity() {
    return switch (settings.parity()) {
      case NONE -> SerialPort.NO_PARITY;
      case ODD -> SerialPort.ODD_PARITY;
      case EVEN -> SerialPort.EVEN_PARITY;
      case MARK -> SerialPort.MARK_PARITY;
      case SPACE -> SerialPort.SPACE_PARITY;
    };
  }

  private final class Port implements ScannerPort {
    private final SerialPort port;
    private final String node;
    private byte[] waiting;

    Port(SerialPort port, String node, byte[] waiting) {
      this.port = port;
      this.node = node;
      this.waiting = waiting;
    }

    @Override
    public byte[] waitingAtOpen() {
      byte[] w = waiting;
      waiting = new byte[0];
      return w;
    }

    @Override
    public int read(byte[] buf) throws IOException {
      int n = port.readBytes(buf, buf.length);
      if (n < 0) {
        throw new IOException("read from " + node + " failed (" + errno(port.getLastErrorCode())
            + ")");
      }
      return n;
    }

    @Override
    public boolean stillPresent() {
      if (!(settings.device() instanceof DeviceSelector.ByPath)) {
        // Matching USB ids means enumerating every port; the node's presence is enough here,
        // and a pulled USB device also fails the next read.
        return Files.exists(Path.of(node));
      }
      try {
        return node.equals(resolve(settings.device()));
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public String device() {
      return node;
    }

    @Override
    public void close() {
      port.closePort();
    }
  }
}
