package io.dockcount.scan;

import java.io.IOException;

/**
 * Opens a station's scanner. Each {@link #open()} finds the device afresh (a symlink is
 * resolved again, USB ids are matched again), so a scanner that re-enumerates under another
 * {@code ttyACM} name is found through its stable name, and a handle to a dead node is never
 * reused.
 */
public interface SerialPortSource {
  /**
   * Opens the device.
   *
   * @throws IOException when the device is absent or cannot be opened; the caller retries
   */
  ScannerPort open() throws IOException;

  /** Returns what this source opens, for logs. */
  String describe();

  /** An open scanner; used by one reader thread. */
  interface ScannerPort extends AutoCloseable {
    /**
     * Reads what has arrived into {@code buf}, waiting at most the configured poll interval.
     *
     * @return the number of bytes read, 0 when nothing came in time
     * @throws IOException when the device is gone or the read failed; the port is dead
     */
    int read(byte[] buf) throws IOException;

    /**
     * Returns false when the device this port was opened on is no longer there (the node is
     * gone, or the stable name now points elsewhere).
     */
    boolean stillPresent();

    /**
     * Returns the bytes that were waiting when the port was opened: sent while nothing read
     * the device (the service stopped or restarting), so no counter saw a light for them.
     * Read once, at open; empty when none.
     */
    default byte[] waitingAtOpen() {
      return new byte[0];
    }

    /** Returns the resolved device node that was opened, e.g. {@code /dev/ttyACM0}. */
    String device();

    /** Closes the port; never throws. */
    @Override
    void close();
  }
}
