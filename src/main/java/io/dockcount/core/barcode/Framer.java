package io.dockcount.core.barcode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts the byte stream of a serial scanner into scans.
 *
 * <p>A scan ends at any terminator byte (by default CR and LF). An empty frame is dropped, so
 * CR LF, LF CR or CR CR after a scan give one scan, never an extra empty one (field report
 * F01). Bytes are kept across {@link #accept} calls, so a scan split over several reads is
 * one scan and several scans in one read are several (F02). A frame longer than the maximum,
 * or with a control byte other than GS ({@code 0x1d}, the FNC1 of GS1 symbols), is returned as
 * a {@link BadFrame} with its bytes and a reason. With ETX as a terminator, one leading STX is
 * taken as the frame start. NUL bytes before a scan's first byte are padding (a suffix of
 * {@code CR NUL}, fill before an STX, or a NUL a port gives as it opens, which a station's
 * first read may get apart from the CR before it): not a frame of their own, nor the start of
 * the next one, which would turn a good scan red, or leave a red "incomplete scan" after a
 * good one. A NUL inside a scan is refused, as any other control byte there.
 *
 * <p>The framer has no clock: the caller watches for silence and, when a partial frame has
 * waited too long, calls {@link #flushIncomplete} to turn it into a rejected, incomplete scan.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
public final class Framer {
  private static final byte GS = 0x1d;
  private static final byte STX = 0x02;

  /** Bytes that can end a scan. */
  public enum Terminator {
    CR(0x0d), LF(0x0a), TAB(0x09), ETX(0x03);

    private final int code;

    Terminator(int code) {
      this.code = code;
    }

    /** Parses a configured name ({@code CR}, {@code lf}, ...). */
    public static Terminator parse(String name) {
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown terminator '" + name
            + "' (CR, LF, TAB or ETX)", e);
      }
    }
  }

  /** What the framer found: a scan or a refused frame. */
  public sealed interface Output permits Frame, BadFrame {
    RawBytes raw();
  }

  /** The bytes of one scan, terminator removed. */
  public record Frame(RawBytes raw) implements Output {}

  /** A frame that is not a scan, with the bytes received (up to the maximum) and why. */
  public record BadFrame(RawBytes raw, String reason) implements Output {}

  private final boolean[] terminator = new boolean[256];
  private final boolean stxStart;
  private final int maxLength;
  private final byte[] buf;
  private int len;
  private long dropped;
  private int firstControl = -1;

  /**
   * @param terminators the bytes that end a scan, at least one
   * @param maxLength the longest accepted frame in bytes
   */
  public Framer(Set<Terminator> terminators, int maxLength) {
    if (terminators.isEmpty()) {
      throw new IllegalArgumentException("at least one terminator is needed");
    }
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
    }
    for (Terminator t : terminators) {
      terminator[t.code] = true;
    }
    this.stxStart = terminators.contains(Terminator.ETX);
    this.maxLength = maxLength;
    this.buf = new byte[maxLength];
  }

  /** A framer ending scans at CR or LF, up to 512 bytes. */
  public static Framer crLf() {
    return new Framer(EnumSet.of(Terminator.CR, Terminator.LF), 512);
  }

  /** Feeds {@code data[off, off+n)}; returns the frames it completed, in order. */
  public List<Output> accept(byte[] data, int off, int n) {
    List<Output> out = new ArrayList<>(2);
    for (int i = off; i < off + n; i++) {
      int b = data[i] & 0xff;
      if (terminator[b]) {
        Output o = finish();
        if (o != null) {
          out.add(o);
        }
      } else if (b != 0 || hasPending()) {
        append(b);
      }
    }
    return out;
  }

  /** Returns true when bytes of an unterminated frame are waiting. */
  public boolean hasPending() {
    return len > 0 || dropped > 0;
  }

  /** Returns a copy of the bytes of the unterminated frame (up to the maximum length). */
  public RawBytes pending() {
    return RawBytes.copyOf(buf, 0, len);
  }

  /**
   * Ends the unterminated frame as an incomplete scan: returns it as a {@link BadFrame} with
   * {@code why}, or null when nothing is pending. The framer then starts afresh.
   */
  public BadFrame flushIncomplete(String why) {
    if (!hasPending()) {
      return null;
    }
    BadFrame bad = new BadFrame(pending(), "incomplete scan: " + why);
    reset();
    return bad;
  }

  private void append(int b) {
    if (len == 0 && dropped == 0 && stxStart && b == STX) {
      return;
    }
    if ((b < 0x20 && b != GS || b == 0x7f) && firstControl < 0) {
      firstControl = b;
    }
    if (len < maxLength) {
      buf[len++] = (byte) b;
    } else {
      dropped++;
    }
  }

  private Output finish() {
    Output o;
    if (len == 0 && dropped == 0) {
      o = null;
    } else if (dropped > 0) {
      o = new BadFrame(pending(), "frame longer than " + maxLength + " bytes ("
          + (maxLength + dropped) + " received)");
    } else if (firstControl >= 0) {
      o = new BadFrame(pending(), String.format("control byte 0x%02x in frame", firstControl));
    } else {
      o = new Frame(pending());
    }
    reset();
    return o;
  }

  private void reset() {
    len = 0;
    dropped = 0;
    firstControl = -1;
  }
}
