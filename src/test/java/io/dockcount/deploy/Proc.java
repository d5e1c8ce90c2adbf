package io.dockcount.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command line tool for the deployment tests: bounded in time, output captured. */
final class Proc {
  private static final long TIMEOUT_SECONDS = 120;

  /** A finished command: its exit code and its stdout and stderr merged. */
  record Result(int exitCode, String output) {}

  private Proc() {}

  /** Whether {@code tool} is an executable on the PATH (or under /usr/sbin, /sbin). */
  static boolean available(String tool) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static boolean isRoot() {
    return run(List.of("id", "-u")).output().strip().equals("0");
  }

  static Result run(List<String> command) {
    return run(command, Map.of());
  }

  /** Runs {@code command} with {@code env} added and /usr/sbin on the PATH; fails on timeout. */
  static Result run(List<String> command, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("PATH", pb.environment().getOrDefault("PATH", "/usr/bin:/bin")
        + ":/usr/sbin:/sbin");
    pb.environment().putAll(env);
    try {
      // Output goes to a file, so a command that hangs cannot block the read: the wait is bounded.
      Path log = Files.createTempFile("dockcount-proc", ".log");
      try {
        Process p = pb.redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError(command + " still running after " + TIMEOUT_SECONDS + " s");
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }
}
