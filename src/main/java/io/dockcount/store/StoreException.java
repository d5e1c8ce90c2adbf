package io.dockcount.store;

/** The store could not do what was asked: the database is unreadable, full, or closed. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the work was not done, where a caller acts on it. */
  private enum Kind { FAILED, OTHER_VERSION, CLOSED, BACKUP_STOPPED }

  private final Kind kind;

  public StoreException(String message) {
    this(message, null, Kind.FAILED);
  }

  public StoreException(String message, Throwable cause) {
    this(message, cause, Kind.FAILED);
  }

  private StoreException(String message, Throwable cause, Kind kind) {
    super(message, cause);
    this.kind = kind;
  }

  /** The store was written by a newer dockcount: starting this one again does not help. */
  static StoreException ofNewerVersion(String message) {
    return new StoreException(message, null, Kind.OTHER_VERSION);
  }

  /** The store is closed: the work was not started. */
  static StoreException ofClosedStore(String message) {
    return new StoreException(message, null, Kind.CLOSED);
  }

  /** Backups were stopped (the service stopping): this one was abandoned or not started. */
  static StoreException ofStoppedBackup(String message) {
    return new StoreException(message, null, Kind.BACKUP_STOPPED);
  }

  /**
   * Whether the store was closed before the work could start: the service is stopping, and
   * nothing the work would have done was done.
   */
  public boolean storeClosed() {
    return kind == Kind.CLOSED;
  }

  /** Whether only another version of dockcount opens the store: a restart would fail again. */
  public boolean needsOtherVersion() {
    return kind == Kind.OTHER_VERSION;
  }

  /**
   * Whether a backup was abandoned or not started because backups were stopped
   * ({@link Store#stopBackups}): no failure, and the last good backup is as it was.
   */
  public boolean backupStopped() {
    return kind == Kind.BACKUP_STOPPED;
  }
}
