package io.dockcount.cli;

import io.dockcount.console.Passwords;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints a password hash for {@code dockcount.console.users}. The password is read without echo
 * from the terminal (asked twice), or as the first line of standard input when there is no
 * terminal (a second line, when given, must be the same); never from the command line, where
 * it would stay in the shell history.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
    description = "Make a password hash for a console user (dockcount.console.users).")
final class HashPasswordCommand implements Callable<Integer> {
  @Option(names = "--iterations", paramLabel = "N",
      description = "PBKDF2 iterations (default: ${DEFAULT-VALUE}).")
  int iterations = Passwords.DEFAULT_ITERATIONS;

  /** Shorter passwords fall to guessing despite the lockout: the console faces the LAN. */
  static final int MIN_LENGTH = 10;

  @Override
  public Integer call() throws IOException {
    char[] password = read();
    try {
      if (password.length < MIN_LENGTH) {
        throw new InputException("a console password needs at least " + MIN_LENGTH
            + " characters (a few words will do)");
      }
      System.out.println(Passwords.hash(password, iterations));
      return 0;
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] read() throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password: ");
      char[] again = console.readPassword("Again: ");
      try {
        if (first == null || again == null || !Arrays.equals(first, again)) {
          throw new InputException("the two passwords differ");
        }
      } finally {
        if (again != null) {
          Arrays.fill(again, '\0');
        }
      }
      return first;
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    String line = in.readLine();
    if (line == null || line.isEmpty()) {
      throw new InputException("no password on standard input");
    }
    // A second line, as a person typing it twice into a pipe gives, must be the same.
    String again = in.readLine();
    if (again != null && !again.equals(line)) {
      throw new InputException("the two passwords on standard input differ");
    }
    return line.toCharArray();
  }
}
