package io.dockcount.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over HTTPS with a keystore made by the JDK's keytool for 127.0.0.1. */
final class ConsoleTlsTest {
  @Test
  void https_servesPages_secureCookie_plainHttpRefused(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("console.p12");
    Path password = Files.writeString(dir.resolve("keystore-password"), "test-store-pass\n");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "keytool").toString(), "-genkeypair", "-alias", "console", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "test-store-pass", "-keypass", "test-store-pass")
        .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
        "keytool failed: " + Files.readString(dir.resolve("keytool.log")));
    try (ConsoleFixture f = new ConsoleFixture(dir.resolve("service"), "{ tls { keystore = \""
        + keystore + "\", password-file = \"" + password + "\" } }")) {

      HttpResponse<String> page = f.get("/");
      HttpResponse<String> login = f.post("/api/login", "{\"user\":\"maria\",\"password\":\""
          + ConsoleFixture.PASSWORD + "\"}");
      String plain = f.base.replace("https://", "http://");

      assertTrue(f.base.startsWith("https://127.0.0.1:"), f.base);
      assertEquals(200, page.statusCode());
      assertEquals(200, login.statusCode(), login.body());
      assertTrue(login.headers().firstValue("Set-Cookie").orElse("").contains("Secure"));
      assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(plain + "/")).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
  }

  @Test
  void keystoreWithoutPassword_refusedAtSettings(@TempDir Path dir) throws Exception {
    Path keystore = Files.writeString(dir.resolve("any.p12"), "not read yet");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        ConsoleSettings.from(com.typesafe.config.ConfigFactory.parseString("dockcount.console"
            + ".tls.keystore = \"" + keystore + "\"").withFallback(
                com.typesafe.config.ConfigFactory.load()).resolve(), java.util.Map.of()));

    assertEquals("dockcount.console.tls.keystore is set but its password is not: set "
        + ConsoleSettings.KEYSTORE_PASSWORD_ENV + " or tls.password-file", e.getMessage());
  }
}
