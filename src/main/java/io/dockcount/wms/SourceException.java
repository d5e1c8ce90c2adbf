package io.dockcount.wms;

/**
 * A source could not deliver (no connection, an error from the server, a timeout, a page that
 * was cut short). The message says which source and why, without secrets; nothing was taken.
 */
public final class SourceException extends Exception {
  private static final long serialVersionUID = 1L;

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }

  public SourceException(String message) {
    super(message);
  }
}
