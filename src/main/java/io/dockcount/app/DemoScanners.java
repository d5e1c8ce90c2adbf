package io.dockcount.app;

import io.dockcount.scan.JSerialCommSource;
import io.dockcount.scan.ScannerSettings;
import io.dockcount.scan.SerialPortSource;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The demo's simulated scanners: bytes written here reach a station exactly as a USB scanner's
 * would. With {@code socat} on the PATH each scanner is a pseudo-terminal pair, the station
 * reading its end through jSerialComm; without it, an in-process byte source stands in for the
 * port and the same framing and decoding run.
 */
final class DemoScanners {
  private DemoScanners() {}

  /** One simulated scanner: the port a station opens, and the end the demo writes to. */
  interface Scanner extends AutoCloseable {
    ScannerSettings settings();

    SerialPortSource port();

    /** Sends bytes as the scanner would, in one write. */
    void send(byte[] bytes) throws IOException;

    @Override
    void close();
  }

  /** Returns true when socat is on the PATH. */
  static boolean socatAvailable() {
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!p.isEmpty() && new File(p, "socat").canExecute()) {
        return true;
      }
    }
    return false;
  }

  /** Opens a scanner for the station, over a pty pair in {@code dir} or in process. */
  static Scanner open(String station, String zone, Path dir, boolean socat) throws IOException {
    return socat ? Pty.start(station, zone, dir) : new InProcess(station, zone);
  }

  /** A socat pseudo-terminal pair; killed on close. */
  private static final class Pty implements Scanner {
    private final ScannerSettings settings;
    private final Process socat;
    private final OutputStream scannerEnd;

    private Pty(ScannerSettings settings, Process socat, OutputStream scannerEnd) {
      this.settings = settings;
      this.socat = socat;
      this.scannerEnd = scannerEnd;
    }

    static Pty start(String station, String zone, Path dir) throws IOException {
      Path links = Files.createDirectories(dir.resolve("pty-" + station));
      Path host = links.resolve("host");
      Path scanner = links.resolve("scanner");
      Process p = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + scanner,
          "pty,raw,echo=0,link=" + host).redirectErrorStream(true).start();
      CompletableFuture<Void> ready = new CompletableFuture<>();
      Thread log = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            if (line.contains("starting data transfer loop")) {
              ready.complete(null);
            }
          }
        } catch (IOException e) {
          ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("socat ended before it was ready"));
      }, "demo-socat-" + station);
      log.setDaemon(true);
      log.start();
      try {
        // Start-up on the demo's own thread, bounded: socat is ready in milliseconds.
        ready.get(10, TimeUnit.SECONDS);
        return new Pty(ScannerSettings.forPath(station, zone, host.toString()), p,
            new FileOutputStream(scanner.toFile()));
      } catch (Exception e) {
        p.destroy();
        throw new IOException("socat did not start for " + station + ": " + e, e);
      }
    }

    @Override
    public ScannerSettings settings() {
      return settings;
    }

    @Override
    public SerialPortSource port() {
      return new JSerialCommSource(settings);
    }

    @Override
    public void send(byte[] bytes) throws IOException {
      scannerEnd.write(bytes);
      scannerEnd.flush();
    }

    @Override
    public void close() {
      try {
        scannerEnd.close();
      } catch (IOException e) {
        // Closing a terminal whose peer is gone; nothing is lost.
      }
      socat.destroy();
      try {
        if (!socat.waitFor(5, TimeUnit.SECONDS)) {
          socat.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Bytes handed straight to the station's reader, in the chunks they were sent. */
  private static final class InProcess implements Scanner, SerialPortSource {
    private final ScannerSettings settings;
    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

    InProcess(String station, String zone) {
      this.settings = ScannerSettings.forPath(station, zone, "in-process:" + station);
    }

    @Override
    public ScannerSettings settings() {
      return settings;
    }

    @Override
    public SerialPortSource port() {
      return this;
    }

    @Override
    public void send(byte[] bytes) {
      chunks.add(bytes.clone());
    }

    @Override
    public void close() {}

    @Override
    public String describe() {
      return "in-process scanner " + settings.station();
    }

    @Override
    public ScannerPort open() {
      return new ScannerPort() {
        private byte[] rest;

        @Override
        public int read(byte[] buf) {
          try {
            byte[] chunk = rest != null ? rest
                : chunks.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            rest = null;
            if (chunk == null) {
              return 0;
            }
            int n = Math.min(chunk.length, buf.length);
            System.arraycopy(chunk, 0, buf, 0, n);
            if (n < chunk.length) {
              rest = java.util.Arrays.copyOfRange(chunk, n, chunk.length);
            }
            return n;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
          }
        }

        @Override
        public boolean stillPresent() {
          return true;
        }

        @Override
        public String device() {
          return describe();
        }

        @Override
        public void close() {}
      };
    }
  }
}
