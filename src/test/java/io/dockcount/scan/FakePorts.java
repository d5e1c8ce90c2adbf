package io.dockcount.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link SerialPortSource}: the test feeds byte chunks, unplugs the device (its
 * node vanishes without a read error, as some USB-serial drivers behave) or makes the next open
 * or read throw an unexpected exception (a read fails only once the bytes fed before are read).
 */
final class FakePorts implements SerialPortSource {
  final AtomicInteger opens = new AtomicInteger();
  private final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
  private volatile boolean present = true;
  private volatile RuntimeException nextOpenFailure;
  private volatile RuntimeException nextReadFailure;

  private volatile byte[] waiting = new byte[0];

  void feed(String text) {
    incoming.add(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Bytes the next port opened finds waiting: sent while nothing read the device. */
  void sentBeforeOpen(String text) {
    waiting = text.getBytes(StandardCharsets.ISO_8859_1);
  }

  void setPresent(boolean present) {
    this.present = present;
  }

  void failNextOpen(RuntimeException e) {
    nextOpenFailure = e;
  }

  void failNextRead(RuntimeException e) {
    nextReadFailure = e;
  }

  @Override
  public ScannerPort open() throws IOException {
    int n = opens.incrementAndGet();
    RuntimeException failure = nextOpenFailure;
    if (failure != null) {
      nextOpenFailure = null;
      throw failure;
    }
    if (!present) {
      throw new IOException("fake device is not present");
    }
    String device = "/dev/fake" + n;
    byte[] atOpen = waiting;
    waiting = new byte[0];
    return new ScannerPort() {
      @Override
      public byte[] waitingAtOpen() {
        return atOpen;
      }

      @Override
      public int read(byte[] buf) {
        RuntimeException readFailure = nextReadFailure;
        if (readFailure != null && incoming.isEmpty()) {
          nextReadFailure = null;
          throw readFailure;
        }
        try {
          byte[] chunk = incoming.poll(20, TimeUnit.MILLISECONDS);
          if (chunk == null) {
            return 0;
          }
          System.arraycopy(chunk, 0, buf, 0, chunk.length);
          return chunk.length;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }

      @Override
      public boolean stillPresent() {
        return present;
      }

      @Override
      public String device() {
        return device;
      }

      @Override
      public void close() {
      }
    };
  }

  @Override
  public String describe() {
    return "fake";
  }
}
