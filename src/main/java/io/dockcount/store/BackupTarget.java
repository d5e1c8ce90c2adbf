package io.dockcount.store;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * The file an online backup's zip is written to, through H2's {@code BACKUP TO}, in a way that
 * lets the copy stop before it is done.
 *
 * <p>A copy of a large store takes minutes on a Pi, and H2 offers no way to stop one: its
 * {@code BACKUP} command never looks at the statement's cancel flag, and interrupting the thread
 * closes the database file itself (H2 reads it for the copy through an interruptible channel).
 * So H2 is given the copy's name in a file-system scheme of ours ({@value #SCHEME}, registered
 * through H2's pluggable file systems), and the stream it opens there looks, before each write,
 * whether the backup is to stop; if so it throws {@link Stopped}. H2 ends the copy as after any
 * failed write (its store reuses free space again) and leaves the zip incomplete, for the
 * caller to delete. Only the thread writing the backup notices; nobody interrupts it.
 */
final class BackupTarget implements AutoCloseable {
  static final String SCHEME = "dockcount-backup";
  /** Writes are gathered this much before they reach the file. */
  private static final int BUFFER = 1 << 16;
  private static final AtomicLong IDS = new AtomicLong();
  /** The backups being written, by the id their name carries. */
  private static final Map<Long, BackupTarget> OPEN = new ConcurrentHashMap<>();

  static {
    FilePath.register(new Scheme());
  }

  private final long id;
  private final Path file;
  private final Supplier<String> stop;
  private final AtomicLong written = new AtomicLong();
  private volatile String stoppedFor;

  private BackupTarget(Path file, Supplier<String> stop) {
    this.id = IDS.incrementAndGet();
    this.file = file.toAbsolutePath();
    this.stop = stop;
  }

  /**
   * Makes {@code file} a backup target until closed.
   *
   * @param stop returns why the backup is to stop now, or null while it goes on; asked before
   *     every write, so it must be cheap and must not block
   */
  static BackupTarget open(Path file, Supplier<String> stop) {
    BackupTarget t = new BackupTarget(file, stop);
    OPEN.put(t.id, t);
    return t;
  }

  /** Returns the name to give {@code BACKUP TO}. */
  String h2Name() {
    return SCHEME + ":" + id + ":" + file;
  }

  /** Returns why the copy was stopped, or null when it was not. */
  String stoppedFor() {
    return stoppedFor;
  }

  /** Returns the bytes of the zip written so far. */
  long written() {
    return written.get();
  }

  /** Throws {@link Stopped} when the backup is to stop, else counts {@code bytes} written. */
  private void check(int bytes) throws Stopped {
    String why = stop.get();
    if (why != null) {
      stoppedFor = why;
      throw new Stopped(why);
    }
    written.addAndGet(bytes);
  }

  @Override
  public void close() {
    OPEN.remove(id);
  }

  /** Thrown into H2's copy (or the unzip that verifies it) once the backup is to stop. */
  static final class Stopped extends IOException {
    private static final long serialVersionUID = 1L;
    private final String why;

    Stopped(String why) {
      super("backup stopped: " + why);
      this.why = why;
    }

    String why() {
      return why;
    }
  }

  private final class Checked extends FilterOutputStream {
    Checked(OutputStream out) {
      super(new BufferedOutputStream(out, BUFFER));
    }

    @Override
    public void write(int b) throws IOException {
      check(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      check(len);
      out.write(b, off, len);
    }
  }

  /**
   * H2's disk files under the name {@code dockcount-backup:<id>:<path>}: the stream opened for
   * writing is the backup's, checked before each write. Public, with a public constructor,
   * because H2 makes one per name by reflection.
   */
  public static final class Scheme extends FilePathWrapper {
    public Scheme() {
      // H2 creates these; the name and the wrapped disk path are set by it.
    }

    @Override
    public String getScheme() {
      return SCHEME;
    }

    @Override
    protected FilePath unwrap(String path) {
      // After the id; a name H2 derives without one (a parent directory) after the scheme.
      int at = path.indexOf(':', SCHEME.length() + 1);
      return FilePath.get(path.substring((at < 0 ? SCHEME.length() : at) + 1));
    }

    @Override
    public OutputStream newOutputStream(boolean append) throws IOException {
      BackupTarget target = null;
      int from = SCHEME.length() + 1;
      int to = name.indexOf(':', from);
      if (name.startsWith(SCHEME + ":") && to > from) {
        try {
          target = OPEN.get(Long.parseLong(name.substring(from, to)));
        } catch (NumberFormatException e) {
          target = null;
        }
      }
      if (target == null) {
        throw new IOException("no backup is being written to " + name);
      }
      return target.new Checked(super.newOutputStream(append));
    }
  }
}
