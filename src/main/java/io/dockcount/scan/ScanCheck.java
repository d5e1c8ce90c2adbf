package io.dockcount.scan;

import io.dockcount.core.barcode.Framer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads one scanner and prints a {@link FrameReport} line per frame as it arrives: the
 * installer's check that a scanner is set up right, and a way to drive the decoder from outside.
 *
 * <p>Unlike a station's {@link ScannerSource} it does not reconnect: it ends when the port hangs
 * up or its device goes away (printing a partial frame as an incomplete, rejected one), after
 * the number of frames asked for, or on {@link #stop()}. A partial frame that waits longer than
 * the idle timeout is printed as incomplete, as a station would record it.
 *
 * <p>One thread calls {@link #run}; {@link #stop()} may be called from any thread (a shutdown
 * hook) and {@link #awaitEnd} waits for the read loop to close the port.
 */
public final class ScanCheck {
  private final ScannerSettings settings;
  private final SerialPortSource ports;
  private final FrameReport report;
  private final PrintStream out;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private long frames;

  public ScanCheck(ScannerSettings settings, SerialPortSource ports, FrameReport report,
      PrintStream out) {
    this.settings = settings;
    this.ports = ports;
    this.report = report;
    this.out = out;
  }

  /** Why the read loop ended. */
  public enum End { FRAMES_DONE, PORT_CLOSED, STOPPED }

  /**
   * Opens the port and prints frames until {@code maxFrames} (0 for no limit) are printed, the
   * port closes, or {@link #stop()}.
   *
   * @throws IOException when the port cannot be opened
   */
  public End run(long maxFrames) throws IOException {
    try (SerialPortSource.ScannerPort port = ports.open()) {
      opened.countDown();
      return readLoop(port, new Framer(settings.terminators(), settings.maxFrameLength()),
          maxFrames);
    } finally {
      ended.countDown();
    }
  }

  /** Asks the read loop to end; it does within one poll interval. */
  public void stop() {
    stopSignal.countDown();
  }

  /** Waits up to {@code millis} for the port to be open; true if it is. */
  public boolean awaitOpen(long millis) throws InterruptedException {
    return opened.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Waits up to {@code millis} for {@link #run} to return; true if it did. */
  public boolean awaitEnd(long millis) throws InterruptedException {
    return ended.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Returns the number of frames printed so far. */
  public long frames() {
    return frames;
  }

  private End readLoop(SerialPortSource.ScannerPort port, Framer framer, long maxFrames) {
    byte[] buf = new byte[Math.max(64, settings.maxFrameLength())];
    long idleNanos = settings.idleTimeout().toNanos();
    long lastByte = System.nanoTime();
    // What the scanner sent before the port was opened is shown too: a diagnosis should see it.
    byte[] waiting = port.waitingAtOpen();
    for (Framer.Output o : framer.accept(waiting, 0, waiting.length)) {
      print(o);
    }
    while (stopSignal.getCount() > 0) {
      int n;
      try {
        n = port.read(buf);
      } catch (IOException e) {
        print(framer.flushIncomplete("port closed mid-scan"));
        return End.PORT_CLOSED;
      }
      if (n > 0) {
        lastByte = System.nanoTime();
        for (Framer.Output o : framer.accept(buf, 0, n)) {
          print(o);
          if (maxFrames > 0 && frames >= maxFrames) {
            return End.FRAMES_DONE;
          }
        }
      } else if (framer.hasPending() && System.nanoTime() - lastByte >= idleNanos) {
        print(framer.flushIncomplete("no terminator within "
            + settings.idleTimeout().toMillis() + " ms"));
      } else if (!port.stillPresent()) {
        print(framer.flushIncomplete("device gone mid-scan"));
        return End.PORT_CLOSED;
      }
      if (maxFrames > 0 && frames >= maxFrames) {
        return End.FRAMES_DONE;
      }
    }
    print(framer.flushIncomplete("scan-check stopped mid-scan"));
    return End.STOPPED;
  }

  private void print(Framer.Output o) {
    if (o == null) {
      return;
    }
    frames++;
    out.println(report.describe(frames, o));
    out.flush();
  }
}
