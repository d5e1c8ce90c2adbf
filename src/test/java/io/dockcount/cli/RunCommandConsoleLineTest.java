package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockcount.console.ConsoleSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The line {@code run} prints once the console is bound, as an installer reads it. */
final class RunCommandConsoleLineTest {
  private static final InetSocketAddress AT = new InetSocketAddress("127.0.0.1", 21960);

  private static ConsoleSettings settings(Map<String, String> users, String token,
      ConsoleSettings.Tls tls) {
    Duration d = Duration.ofMinutes(1);
    return new ConsoleSettings(true, "127.0.0.1", 21960, false, d, d, 5, d, users, token,
        List.of("DAMAGED"), d, d, tls, d);
  }

  @Test
  void noUserAndNoToken_theLineSaysNobodyCanLogIn() {
    String line = RunCommand.consoleAt(AT, settings(Map.of(), null, null), 1);

    assertEquals("dockcount: console at http://127.0.0.1:21960/; nobody can log in: no "
        + "console.users (dockcount hash-password) and no API token (console.api-token-file or "
        + "DOCKCOUNT_API_TOKEN)", line);
  }

  @Test
  void aTokenAndTls_httpsAddressAndNothingMore() {
    ConsoleSettings.Tls tls = new ConsoleSettings.Tls(Path.of("console.p12"), "secret");

    String line = RunCommand.consoleAt(AT, settings(Map.of(), "t0ken", tls), 2);

    assertEquals("dockcount: console at https://127.0.0.1:21960/ (attempt 2)", line);
  }
}
