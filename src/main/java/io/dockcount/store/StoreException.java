package io.dockcount.store;

/** The store could not do what was asked: the database is unreadable, full, or closed. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whether no start of this version can open the store (a newer one wrote it). */
  private final boolean otherVersion;

  public StoreException(String message) {
    this(message, null, false);
  }

  public StoreException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private StoreException(String message, Throwable cause, boolean otherVersion) {
    super(message, cause);
    this.otherVersion = otherVersion;
  }

  /** The store was written by a newer dockcount: starting this one again does not help. */
  static StoreException ofNewerVersion(String message) {
    return new StoreException(message, null, true);
  }

  /** Whether only another version of dockcount opens the store: a restart would fail again. */
  public boolean needsOtherVersion() {
    return otherVersion;
  }
}
