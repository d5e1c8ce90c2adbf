package io.dockcount.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit as systemd reads it: {@code systemd-analyze verify} must accept it without a
 * single warning, and {@code systemd-analyze security} must keep it at the exposure the README
 * quotes.
 *
 * <p>verify checks that ExecStart's binary exists. The unit runs {@code /usr/bin/java}, which the
 * package's Java dependency provides; on a machine without it the check runs on a copy pointing
 * at this JVM's {@code java} instead (the jar path is only an argument, not checked).
 */
final class SystemdUnitTest {
  static final Path UNIT = Path.of("systemd", "dockcount.service");
  private static final Pattern EXPOSURE =
      Pattern.compile("Overall exposure level for dockcount\\.service: (\\d+\\.\\d+) (\\w+)");

  @TempDir Path dir;

  @BeforeAll
  static void needsSystemdAnalyze() {
    assumeTrue(Proc.available("systemd-analyze"),
        "systemd-analyze is not installed (Debian package systemd; .ci/run installs it)");
  }

  /** A copy of {@code text} as dockcount.service in the temp dir, runnable by verify here. */
  private Path unitCopy(String text) throws IOException {
    if (!Files.isExecutable(Path.of("/usr/bin/java"))) {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      text = text.replace("ExecStart=/usr/bin/java", "ExecStart=" + java);
    }
    Path copy = dir.resolve("dockcount.service");
    Files.writeString(copy, text);
    return copy;
  }

  private static Proc.Result verify(Path unit) {
    return Proc.run(List.of("systemd-analyze", "verify", unit.toString()));
  }

  @Test
  void unit_passesVerifyWithoutWarnings() throws IOException {
    Proc.Result r = verify(unitCopy(Files.readString(UNIT)));

    assertEquals(0, r.exitCode(), r.output());
    assertEquals("", r.output().strip(), "verify printed warnings");
  }

  @Test
  void verify_catchesAMisspeltKeyAndAMissingBinary() throws IOException {
    String text = Files.readString(UNIT);

    Proc.Result typo = verify(unitCopy(text.replace("RestartSec=5", "RestartSecs=5")));
    Proc.Result missing = verify(unitCopy(text.replaceAll("ExecStart=\\S+",
        "ExecStart=/nonexistent/java")));

    assertTrue(typo.output().contains("Unknown key 'RestartSecs'"), typo.output());
    assertTrue(missing.exitCode() != 0 && missing.output().contains("/nonexistent/java"),
        missing.output());
  }

  @Test
  void unit_keepsTheSecurityExposureTheReadmeQuotes() throws IOException {
    Proc.Result version = Proc.run(List.of("systemd-analyze", "--version"));
    Matcher v = Pattern.compile("^systemd (\\d+)").matcher(version.output());
    assumeTrue(v.find() && Integer.parseInt(v.group(1)) >= 252,
        "systemd-analyze security --offline needs systemd 252 or later: " + version.output());

    Proc.Result r = Proc.run(List.of("systemd-analyze", "security", "--offline=true",
        "--no-pager", unitCopy(Files.readString(UNIT)).toString()));

    Matcher m = EXPOSURE.matcher(r.output());
    assertTrue(m.find(), r.output());
    BigDecimal exposure = new BigDecimal(m.group(1));
    assertTrue(exposure.compareTo(new BigDecimal("2.0")) <= 0,
        "hardening weakened: exposure " + exposure + " " + m.group(2));
    // The score depends on systemd's weights; the README quotes the one of Debian 12's systemd.
    if (v.group(1).equals("252")) {
      String readme = Files.readString(Path.of("README.md"));
      assertTrue(readme.contains("exposure level " + m.group(1) + " " + m.group(2)),
          "README.md does not quote the measured score: exposure level " + m.group(1) + " "
              + m.group(2));
    }
  }

  @Test
  void unit_pointsNativeLibrariesAtAnExecutableStateDirectory() throws IOException {
    String text = Files.readString(UNIT);

    assertTrue(text.contains("StateDirectory=dockcount dockcount/tmp"), "state dirs");
    assertTrue(text.contains("-Djava.io.tmpdir=/var/lib/dockcount/tmp"), "tmpdir");
    assertTrue(text.contains("PrivateTmp=yes"), "private /tmp");
    assertTrue(!text.contains("MemoryDenyWriteExecute=yes"), "the JIT needs W+X memory");
    assertTrue(text.contains("RestartPreventExitStatus=2"), "no restart loop on bad config");
  }
}
