package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dockcount scanners} given a place for stable names that is not there. */
final class ScannersCommandTest {
  @TempDir Path dir;

  @Test
  void linksPlaceMistyped_exit2NamingIt_notAListWithoutStableNames() {
    Path missing = dir.resolve("scaner");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.run("scanners", "--links", missing.toString());
    } finally {
      System.setErr(saved);
    }

    assertEquals(2, code);
    assertEquals(List.of("dockcount: --links " + missing + ": no such directory or link"),
        err.toString(StandardCharsets.UTF_8).lines().toList());
  }
}
