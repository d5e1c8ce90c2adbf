package io.dockcount.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConsoleSettingsTest {
  private static ConsoleSettings read(String console, Map<String, String> env) {
    return ConsoleSettings.from(ConfigFactory.parseString(console).atPath("dockcount.console")
        .withFallback(ConfigFactory.load()).resolve(), env);
  }

  private static String error(String console) {
    return assertThrows(IllegalArgumentException.class, () -> read(console, Map.of()))
        .getMessage();
  }

  @Test
  void defaults_loopbackOnly_noUsers_noToken_viewingNeedsLogin() {
    ConsoleSettings s = read("{}", Map.of());

    assertEquals("127.0.0.1", s.host());
    assertEquals(8080, s.port());
    assertFalse(s.openView());
    assertEquals(Map.of(), s.users());
    assertNull(s.apiToken());
  }

  @Test
  void token_fromEnvironmentBeforeFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "from-the-file-0123456789\n");
    String conf = "{ api-token-file = \"" + file + "\" }";

    assertEquals("from-the-file-0123456789", read(conf, Map.of()).apiToken());
    assertEquals("from-the-env-0123456789", read(conf,
        Map.of(ConsoleSettings.TOKEN_ENV, "from-the-env-0123456789")).apiToken());
  }

  @Test
  void badSettings_namedInTheError(@TempDir Path dir) {
    assertEquals("dockcount.console.users: the hash of bob is not a dockcount password hash "
        + "(make one with `dockcount hash-password`)",
        error("{ users = [ { name = bob, hash = \"secret\" } ] }"));
    assertEquals("dockcount.console.port must be between 0 and 65535, was 70000",
        error("{ port = 70000 }"));
    assertEquals("dockcount.console.session.idle must be longer than 0, was PT0S",
        error("{ session.idle = 0s }"));
    assertEquals("dockcount.console.reason-codes must not be empty",
        error("{ reason-codes = [] }"));
    assertEquals("dockcount.console.api-token-file " + dir.resolve("none")
        + " cannot be read: " + dir.resolve("none"),
        error("{ api-token-file = \"" + dir.resolve("none") + "\" }"));
    assertEquals(ConsoleSettings.TOKEN_ENV + ": the API token must be at least 16 characters",
        assertThrows(IllegalArgumentException.class, () -> read("{}",
            Map.of(ConsoleSettings.TOKEN_ENV, "short"))).getMessage());
  }

  @Test
  void sameUserTwice_refused() {
    String hash = Passwords.hash("pw".toCharArray(), 1000);

    assertEquals("dockcount.console.users: bob is listed twice", error("{ users = [ "
        + "{ name = bob, hash = \"" + hash + "\" }, { name = bob, hash = \"" + hash + "\" } ] }"));
  }
}
