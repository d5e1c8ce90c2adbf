package io.dockcount.store;

import io.dockcount.core.Flag;
import io.dockcount.core.ReconLine;
import io.dockcount.core.Status;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A reconciliation run's lines as one compressed block ({@code recon_block}, migration V7).
 * Saving a zone's 100 000 lines as one BLOB costs tens of milliseconds where as many {@code
 * recon_line} rows cost over a second (docs/bench/service.md).
 *
 * <p>A block is a format byte, the length of the encoded lines (4 bytes), then the encoded
 * lines deflated. The encoding: the line count, then each line by location then SKU, numbers
 * as variable-length integers (small ones take one byte; signed ones zigzag-coded). A text is
 * 0 for none, 1 for the same as before, else its UTF-8 length plus 2 and the bytes. Per line:
 * the location (a text; 1 for the previous line's), the SKU (a text), the status's ordinal, a
 * byte saying which of book, counted and variance are known followed by those, the unit cost
 * and the variance value (each 0 for none, 1 then unscaled value and scale, or 2 then its
 * text), the {@link Flag} bits and the reason (a text; 1 for the last reason written). The lot
 * and the location's parts are not kept, as in {@code recon_line}.
 *
 * <p>Readers get what a {@code recon_line} row gives back: amounts as a {@code NUMERIC(24, 9)}
 * column keeps them and {@link Store#decimal} reads them, so a report built from either reads
 * the same bytes.
 */
final class RunBlocks {
  /** Lines ordered as {@code ORDER BY location, sku} orders them in H2. */
  static final Comparator<ReconLine> LINE_ORDER =
      Comparator.comparing(ReconLine::location).thenComparing(ReconLine::sku);

  private static final int FORMAT = 1;
  private static final int HEADER = 5;
  private static final Status[] STATUSES = Status.values();
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private RunBlocks() {}

  /** Encodes the lines in {@link #LINE_ORDER}. */
  static byte[] encode(List<ReconLine> lines) {
    ReconLine[] sorted = lines.toArray(new ReconLine[0]);
    Arrays.sort(sorted, LINE_ORDER);
    Encoder e = new Encoder(sorted.length * 48 + 16);
    e.varint(sorted.length);
    String location = null;
    String reason = null;
    for (ReconLine l : sorted) {
      e.text(l.location(), location);
      location = l.location();
      e.text(l.sku(), null);
      e.room(2);
      e.bytes[e.n++] = (byte) l.status().ordinal();
      e.bytes[e.n++] = (byte) ((l.bookQty() == null ? 0 : 1) | (l.countedQty() == null ? 0 : 2)
          | (l.varianceQty() == null ? 0 : 4));
      e.signedIfKnown(l.bookQty());
      e.signedIfKnown(l.countedQty());
      e.signedIfKnown(l.varianceQty());
      e.amount(l.unitCost());
      e.amount(l.varianceValue());
      e.varint(l.flags());
      e.text(l.reason(), reason);
      reason = l.reason() == null ? reason : l.reason();
    }
    return e.deflated();
  }

  /** Decodes a block into the lines as stored, by location then SKU. */
  static List<Store.StoredLine> decode(byte[] block) {
    Decoder d = new Decoder(inflated(block));
    try {
      long n = d.varint();
      if (n > d.bytes.length) { // every line takes several bytes
        throw new StoreException("a stored run block is damaged: " + n + " lines in "
            + d.bytes.length + " bytes");
      }
      List<Store.StoredLine> out = new ArrayList<>((int) n);
      String location = null;
      String reason = null;
      for (int i = 0; i < n; i++) {
        location = d.text(location);
        String sku = d.text(null);
        String status = STATUSES[d.bytes[d.at++]].label();
        int known = d.bytes[d.at++];
        Long book = (known & 1) == 0 ? null : d.signed();
        Long counted = (known & 2) == 0 ? null : d.signed();
        Long variance = (known & 4) == 0 ? null : d.signed();
        BigDecimal cost = d.amount();
        BigDecimal value = d.amount();
        String flags = Flag.format((int) d.varint());
        String lineReason = d.text(reason);
        reason = lineReason == null ? reason : lineReason;
        out.add(new Store.StoredLine(location, sku, status, book, counted, variance, cost,
            value, flags, lineReason));
      }
      if (d.at != d.bytes.length) {
        throw new StoreException("a stored run block has " + (d.bytes.length - d.at)
            + " bytes past its last line");
      }
      return out;
    } catch (IndexOutOfBoundsException | NumberFormatException | ArithmeticException e) {
      throw new StoreException("a stored run block is damaged", e);
    }
  }

  /**
   * Returns whether a line is kept as a {@code recon_line} row too, for the WMS adjustments,
   * which join the non-zero variances row by row. (The recount tasks join their own line,
   * which the writer keeps as well.) Not the missing lines of open locations: a zone in the
   * middle of its count has mostly those, and rows for them would cost what the block saves.
   */
  // LIMITATION: ad-hoc SQL sees only these lines; every line of a V7 run is in its block only.
  static boolean keepsRow(ReconLine l) {
    return l.varianceQty() != null && l.varianceQty() != 0;
  }

  /** Returns {@code v} as a {@code NUMERIC(24, 9)} column keeps it and Store reads it back. */
  static BigDecimal asStored(BigDecimal v) {
    if (v == null) {
      return null;
    }
    if (v.scale() >= 0 && v.scale() <= 2) {
      return v.setScale(2); // cents, or whole: what the reader gives back, without a strip
    }
    BigDecimal kept = v.scale() > 9 ? v.setScale(9, RoundingMode.HALF_UP) : v;
    BigDecimal stripped = kept.stripTrailingZeros();
    return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
  }

  private static byte[] inflated(byte[] block) {
    if (block.length < HEADER || block[0] != FORMAT) {
      throw new StoreException("a stored run block has format " + (block.length == 0 ? "none"
          : block[0]) + ", this version reads format " + FORMAT);
    }
    int length = ((block[1] & 0xff) << 24) | ((block[2] & 0xff) << 16)
        | ((block[3] & 0xff) << 8) | (block[4] & 0xff);
    if (length < 0) {
      throw new StoreException("a stored run block is damaged: length " + length);
    }
    byte[] out = new byte[length];
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(block, HEADER, block.length - HEADER);
      int done = 0;
      while (done < length && !inflater.finished()) {
        int got = inflater.inflate(out, done, length - done);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        done += got;
      }
      if (done != length) {
        throw new StoreException("a stored run block is cut short: " + done + " of " + length
            + " bytes");
      }
      return out;
    } catch (DataFormatException e) {
      throw new StoreException("a stored run block is damaged", e);
    } finally {
      inflater.end();
    }
  }

  /** Writes the encoding into one growing array. */
  private static final class Encoder {
    byte[] bytes;
    int n;

    Encoder(int capacity) {
      bytes = new byte[capacity];
    }

    void room(int more) {
      if (n + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, n + more));
      }
    }

    void varint(long v) {
      room(10);
      while ((v & ~0x7FL) != 0) {
        bytes[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      bytes[n++] = (byte) v;
    }

    void signedIfKnown(Long v) {
      if (v != null) {
        varint((v << 1) ^ (v >> 63));
      }
    }

    /** A text: 0 for null, 1 when it equals {@code previous}, else length + 2 and UTF-8. */
    void text(String s, String previous) {
      if (s == null) {
        varint(0);
      } else if (s.equals(previous)) {
        varint(1);
      } else {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(b.length + 2L);
        room(b.length);
        System.arraycopy(b, 0, bytes, n, b.length);
        n += b.length;
      }
    }

    void amount(BigDecimal v) {
      room(2);
      if (v == null) {
        bytes[n++] = 0;
        return;
      }
      BigDecimal stored = asStored(v);
      BigInteger unscaled = stored.unscaledValue();
      if (unscaled.compareTo(LONG_MIN) >= 0 && unscaled.compareTo(LONG_MAX) <= 0
          && stored.scale() >= 0 && stored.scale() <= 127) {
        bytes[n++] = 1;
        long u = unscaled.longValue();
        varint((u << 1) ^ (u >> 63));
        room(1);
        bytes[n++] = (byte) stored.scale();
      } else {
        bytes[n++] = 2;
        text(stored.toString(), null);
      }
    }

    byte[] deflated() {
      // The fastest level: the lines are mostly repeated digits, level 1 already shrinks them
      // several times, and the save (not the disk) is what the zone waits for.
      Deflater deflater = new Deflater(Deflater.BEST_SPEED);
      try {
        deflater.setInput(bytes, 0, n);
        deflater.finish();
        byte[] out = new byte[HEADER + n / 3 + 64];
        out[0] = FORMAT;
        out[1] = (byte) (n >>> 24);
        out[2] = (byte) (n >>> 16);
        out[3] = (byte) (n >>> 8);
        out[4] = (byte) n;
        int size = HEADER;
        while (!deflater.finished()) {
          if (size == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
          }
          size += deflater.deflate(out, size, out.length - size);
        }
        return Arrays.copyOf(out, size);
      } finally {
        deflater.end();
      }
    }
  }

  /** Reads the encoding back from the inflated array. */
  private static final class Decoder {
    final byte[] bytes;
    int at;

    Decoder(byte[] bytes) {
      this.bytes = bytes;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = bytes[at++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw new StoreException("a stored run block has a number longer than 10 bytes");
    }

    long signed() {
      long z = varint();
      return (z >>> 1) ^ -(z & 1);
    }

    String text(String previous) {
      long tag = varint();
      if (tag == 0) {
        return null;
      }
      if (tag == 1) {
        return previous;
      }
      int length = Math.toIntExact(tag - 2);
      String s = new String(bytes, at, length, StandardCharsets.UTF_8);
      at += length;
      return s;
    }

    BigDecimal amount() {
      return switch (bytes[at++]) {
        case 0 -> null;
        case 1 -> BigDecimal.valueOf(signed(), bytes[at++]);
        case 2 -> new BigDecimal(text(null));
        default -> throw new StoreException("a stored run block has an unknown amount tag");
      };
    }
  }
}
