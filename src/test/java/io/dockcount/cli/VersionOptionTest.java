package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command whose help lists {@code -V, --version} answers it as {@code dockcount -V}. */
final class VersionOptionTest {

  private static String stdout(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      assertEquals(0, Main.run(args));
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"reconcile", "generate", "run", "check-config", "demo",
      "hash-password", "status", "zone", "zone close", "zone confirm", "scanners",
      "scan-check"})
  void subcommandVersion_printsTheProgramsVersion(String command) {
    String top = stdout("--version");
    String[] args = (command + " --version").split(" ");

    String said = stdout(args);

    assertTrue(top.startsWith("dockcount "), top);
    assertEquals(top, said);
  }
}
