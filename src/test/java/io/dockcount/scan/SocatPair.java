package io.dockcount.scan;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A pair of linked pseudo-terminals made by socat, standing in for a USB scanner: the test
 * writes to {@link #scannerEnd()} and the code under test reads {@link #hostEnd()} through
 * jSerialComm. {@link #unplug()} kills socat, so both terminals vanish as a pulled cable's
 * device node does; {@link #plugIn()} makes a new pair under the same link names.
 */
public final class SocatPair implements AutoCloseable {
  private static final String READY = "starting data transfer loop";

  private final Path dir;
  private Process process;
  private OutputStream scanner;

  public SocatPair(Path dir) {
    this.dir = dir;
  }

  /** Skips the calling test, with a message, when socat is not installed. */
  public static void assumeSocat() {
    boolean found = false;
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      found |= new File(p, "socat").canExecute();
    }
    assumeTrue(found, "socat is not installed (apt-get install -y socat); serial tests skipped");
  }

  public Path hostEnd() {
    return dir.resolve("host");
  }

  public Path scannerEnd() {
    return dir.resolve("scanner");
  }

  /**
   * Waits (bounded) until this JVM has the host end open, as a station's reader does once its
   * port is open: what is sent before that is refused as sent while nothing read the port.
   */
  public void awaitHostEndOpen() throws IOException, InterruptedException {
    Path target = hostEnd().toRealPath();
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
        if (fds.anyMatch(fd -> {
          try {
            return java.nio.file.Files.readSymbolicLink(fd).equals(target);
          } catch (IOException e) {
            return false; // closed meanwhile
          }
        })) {
          return;
        }
      }
      Thread.sleep(10);
    }
    throw new IOException(hostEnd() + " was not opened within 10 s");
  }

  /** Starts socat and waits (bounded) until it says the pair is ready. */
  public SocatPair plugIn() throws IOException {
    process = new ProcessBuilder("socat", "-d", "-d",
        "pty,raw,echo=0,link=" + scannerEnd(), "pty,raw,echo=0,link=" + hostEnd())
        .redirectErrorStream(true).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Process p = process;
    Thread logReader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.contains(READY)) {
            ready.complete(null);
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IOException("socat ended before it was ready"));
    }, "socat-log");
    logReader.setDaemon(true);
    logReader.start();
    try {
      ready.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("socat did not start: " + e, e);
    }
    scanner = new FileOutputStream(scannerEnd().toFile());
    return this;
  }

  /** Writes bytes as the scanner would send them, in one write. */
  public void send(String text) throws IOException {
    scanner.write(text.getBytes(StandardCharsets.ISO_8859_1));
    scanner.flush();
  }

  /** Kills socat and waits for it to exit: both terminals and their links disappear. */
  public void unplug() throws IOException, InterruptedException {
    if (scanner != null) {
      scanner.close();
      scanner = null;
    }
    if (process != null) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    unplug();
  }
}
