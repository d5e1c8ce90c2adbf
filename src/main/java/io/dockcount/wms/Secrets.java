package io.dockcount.wms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a secret from an environment variable or a file, on use; never logs it. */
final class Secrets {
  private Secrets() {}

  /**
   * Returns the variable's value when set and not blank, else the file's content without
   * surrounding white space, else null.
   *
   * @throws UncheckedIOException naming the file (not its content) when it cannot be read
   */
  static String read(String env, Path file) {
    if (env != null && !env.isEmpty()) {
      String v = System.getenv(env);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    if (file == null) {
      return null;
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the secret file " + file, e);
    }
  }
}
