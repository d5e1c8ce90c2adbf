package io.dockcount.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The cost of one forced write on a disk: append 4 KiB, {@code FileChannel.force(false)} (an
 * fdatasync, what a group commit pays once per batch), repeated. Run it on the disk the store
 * will use: {@code java -cp target/test-classes io.dockcount.bench.FsyncBench DIR [N]}.
 */
public final class FsyncBench {
  private FsyncBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench"));
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    Path file = Files.createTempFile(dir, "fsync-", ".bin");
    long[] nanos = new long[n];
    ByteBuffer block = ByteBuffer.allocate(4096);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      for (int i = 0; i < n; i++) {
        block.clear();
        long t0 = System.nanoTime();
        ch.write(block);
        ch.force(false);
        nanos[i] = System.nanoTime() - t0;
      }
    } finally {
      Files.deleteIfExists(file);
    }
    Arrays.sort(nanos);
    System.out.printf("fsync: %d x (4 KiB append + force) in %s: p50 %.2f ms, p90 %.2f ms, "
        + "p99 %.2f ms, max %.2f ms%n", n, dir.toAbsolutePath(), nanos[n / 2] / 1e6,
        nanos[n * 9 / 10] / 1e6, nanos[n * 99 / 100] / 1e6, nanos[n - 1] / 1e6);
  }
}
