package io.dockcount.store;

/** The store could not do what was asked: the database is unreadable, full, or closed. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whether no start of this version can open the store (a newer one wrote it). */
  private final boolean otherVersion;

  /** Whether the store was closed (the service stopping) before the work could start. */
  private final boolean closed;

  public StoreException(String message) {
    this(message, null, false);
  }

  public StoreException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private StoreException(String message, Throwable cause, boolean otherVersion) {
    this(message, cause, otherVersion, false);
  }

  private StoreException(String message, Throwable cause, boolean otherVersion,
      boolean closed) {
    super(message, cause);
    this.otherVersion = otherVersion;
    this.closed = closed;
  }

  /** The store was written by a newer dockcount: starting this one again does not help. */
  static StoreException ofNewerVersion(String message) {
    return new StoreException(message, null, true);
  }

  /** The store is closed: the work was not started. */
  static StoreException ofClosedStore(String message) {
    return new StoreException(message, null, false, true);
  }

  /**
   * Whether the store was closed before the work could start: the service is stopping, and
   * nothing the work would have done was done.
   */
  public boolean storeClosed() {
    return closed;
  }

  /** Whether only another version of dockcount opens the store: a restart would fail again. */
  public boolean needsOtherVersion() {
    return otherVersion;
  }
}
