package io.dockcount.cli;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Asks HotSpot to compile this process's code with its quick compiler (C1) only, for a
 * {@code reconcile} of a size where the optimising compiler (C2) costs more than it gives back.
 *
 * <p>A reconcile of 1,000,000 book lines is over in about four seconds, and in that time C2
 * spends over 2 CPU seconds compiling some 350 methods, on a machine with two cores: more
 * than the optimised code saves before the run ends. Measured on that workload
 * (docs/BENCHMARKS.md): 11 to 13 % less wall time on the means of alternating runs and about
 * 2 CPU seconds less with C1 only;
 * at 3,000,000 lines the two are even, so larger inputs keep C2. The setting is a compiler
 * directive (JEP 165) added through the JVM's diagnostic command MBean, the programmatic form
 * of {@code jcmd Compiler.directives_add}; where that is not available (another JVM, a runtime
 * without {@code jdk.management}), nothing changes. {@code DOCKCOUNT_JIT=default} turns it off.
 */
final class QuickCompilation {
  /** Inputs larger than this (all files) keep C2: at about 500 MB it pays for itself. */
  static final long MAX_INPUT_BYTES = 360L << 20;

  private static final String EXCLUDE_C2 = "[{ match: \"*.*\", c2: { Exclude: true } }]";

  private QuickCompilation() {}

  /**
   * Does {@link #applyFor} on a thread of its own, so that the run does not wait the 60 to 70 ms
   * the management MBean takes to start (measured on the 1M-line workload): the directive is in
   * place long before the reading loops are hot enough for C2.
   */
  static void applyInBackground(long inputBytes) {
    Thread t = new Thread(() -> applyFor(inputBytes), "dockcount-quick-compilation");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Switches to C1-only compilation when {@code inputBytes} is small enough; returns whether it
   * did. Never fails the run.
   */
  static boolean applyFor(long inputBytes) {
    if (inputBytes > MAX_INPUT_BYTES || "default".equals(System.getenv("DOCKCOUNT_JIT"))) {
      return false;
    }
    Path directives = null;
    try {
      directives = Files.createTempFile("dockcount-jit", ".json");
      Files.writeString(directives, EXCLUDE_C2, StandardCharsets.US_ASCII);
      Object reply = ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
          new Object[] {new String[] {directives.toString()}},
          new String[] {String[].class.getName()});
      return String.valueOf(reply).contains("1 compiler directives added");
    } catch (Exception | LinkageError e) {
      return false; // not HotSpot, or no management: the run is as fast as it was
    } finally {
      if (directives != null) {
        try {
          Files.deleteIfExists(directives);
        } catch (java.io.IOException e) {
          // a temporary file of 40 bytes left behind is no reason to fail a run
        }
      }
    }
  }
}
