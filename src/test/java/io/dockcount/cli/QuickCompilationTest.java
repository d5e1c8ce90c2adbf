package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C1-only setting of a one-shot reconcile: taken by a JVM of its own (a child process here,
 * so that the test JVM keeps its compilers), left alone for large inputs.
 */
final class QuickCompilationTest {
  @TempDir Path dir;

  @Test
  void applyFor_inputOverTheLimit_leavesTheJvmAlone() {
    assertFalse(QuickCompilation.applyFor(QuickCompilation.MAX_INPUT_BYTES + 1));
  }

  @Test
  void applyFor_smallInputInAJvmOfItsOwn_directiveTakenByHotSpot() throws Exception {
    Path log = dir.resolve("directives.txt");
    Process p = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
        Probe.class.getName(), log.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not end");
    String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("applied=true"), out);
    assertTrue(Files.readString(log).contains("c2"), "the directive is in force: "
        + Files.readString(log));
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Runs in the child JVM: applies the setting, then prints the JVM's directives. */
  static final class Probe {
    public static void main(String[] args) throws Exception {
      boolean applied = QuickCompilation.applyFor(1_000);
      Object printed = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
          new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
          "compilerDirectivesPrint", new Object[] {new String[0]},
          new String[] {String[].class.getName()});
      Files.writeString(Path.of(args[0]), String.valueOf(printed));
      System.out.println("applied=" + applied);
    }
  }
}
