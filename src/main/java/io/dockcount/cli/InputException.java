package io.dockcount.cli;

/**
 * An input problem that stops a run: a missing file, a missing column, a bad option value. The
 * message is one line that names the file and what is wrong; the command exits with code 2.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
