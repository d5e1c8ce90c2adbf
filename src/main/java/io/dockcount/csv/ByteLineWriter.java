package io.dockcount.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes CSV fields as bytes into a large buffer: the writing half of the hot path, for report
 * files with a million rows. Fields that hold a comma, quote or line break are quoted.
 */
final class ByteLineWriter implements AutoCloseable {
  private final OutputStream out;
  private final byte[] buf = new byte[1 << 16];
  private final byte[] digits = new byte[32];
  private int n;
  private boolean first = true;

  ByteLineWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes a field holding {@code src[start, start+len)}. */
  void field(byte[] src, int start, int len) throws IOException {
    separator();
    boolean quote = false;
    for (int i = start; i < start + len; i++) {
      byte c = src[i];
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      raw(src, start, len);
      return;
    }
    put((byte) '"');
    for (int i = start; i < start + len; i++) {
      if (src[i] == '"') {
        put((byte) '"');
      }
      put(src[i]);
    }
    put((byte) '"');
  }

  void field(String s) throws IOException {
    int len = s.length();
    boolean quote = false;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        field(b, 0, b.length);
        return;
      }
      quote |= c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    // ASCII: one byte per char, written without a copy of the text.
    separator();
    if (quote) {
      put((byte) '"');
    }
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (quote && c == '"') {
        put((byte) '"');
      }
      put((byte) c);
    }
    if (quote) {
      put((byte) '"');
    }
  }

  void empty() throws IOException {
    separator();
  }

  void field(long v) throws IOException {
    separator();
    number(v);
  }

  /**
   * Writes {@code unscaled / 10^scale} exactly, with at least two decimals and no zeros past
   * them ({@code 204.000} is {@code 204.00}, as the store and the console give it back).
   */
  void decimal(long unscaled, int scale) throws IOException {
    while (scale > 2 && unscaled % 10 == 0) {
      unscaled /= 10;
      scale--;
    }
    int shown = Math.max(scale, 2);
    long v = unscaled;
    for (int i = scale; i < shown; i++) {
      if (v > Long.MAX_VALUE / 10 || v < Long.MIN_VALUE / 10) {
        // Its two decimals take it past a long (a value of 10^17 and more): written exactly
        // all the same, the slow way.
        field(java.math.BigDecimal.valueOf(unscaled, scale).setScale(shown).toPlainString());
        return;
      }
      v *= 10;
    }
    separator();
    if (v == 0) {
      put((byte) '0');
      put((byte) '.');
      for (int i = 0; i < shown; i++) {
        put((byte) '0');
      }
      return;
    }
    if (v < 0) {
      put((byte) '-');
    }
    // Digits right to left into the scratch buffer, the decimal point after `shown` of them.
    int i = digits.length;
    int written = 0;
    long rest = v;
    while (rest != 0 || written <= shown) {
      if (written == shown) {
        digits[--i] = '.';
      }
      digits[--i] = (byte) ('0' + Math.abs(rest % 10));
      rest /= 10;
      written++;
    }
    raw(digits, i, digits.length - i);
  }

  /** Writes bytes that are already a complete, escaped CSV field (or several). */
  void preformatted(byte[] fieldBytes) throws IOException {
    separator();
    raw(fieldBytes, 0, fieldBytes.length);
  }

  /** Returns {@code s} as the bytes of one CSV field, quoted when it needs to be. */
  static byte[] escape(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0
        && s.indexOf('\r') < 0) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    return ('"' + s.replace("\"", "\"\"") + '"').getBytes(StandardCharsets.UTF_8);
  }

  void endLine() throws IOException {
    put((byte) '\n');
    first = true;
  }

  private void number(long v) throws IOException {
    if (v == 0) {
      put((byte) '0');
      return;
    }
    if (v == Long.MIN_VALUE) {
      raw(Long.toString(v).getBytes(StandardCharsets.US_ASCII), 0, 20);
      return;
    }
    if (v < 0) {
      put((byte) '-');
      v = -v;
    }
    int i = digits.length;
    while (v > 0) {
      digits[--i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    raw(digits, i, digits.length - i);
  }

  private void separator() throws IOException {
    if (!first) {
      put((byte) ',');
    }
    first = false;
  }

  private void raw(byte[] src, int start, int len) throws IOException {
    if (n + len > buf.length) {
      flushBuffer();
      if (len > buf.length) {
        out.write(src, start, len);
        return;
      }
    }
    System.arraycopy(src, start, buf, n, len);
    n += len;
  }

  private void put(byte b) throws IOException {
    if (n == buf.length) {
      flushBuffer();
    }
    buf[n++] = b;
  }

  private void flushBuffer() throws IOException {
    out.write(buf, 0, n);
    n = 0;
  }

  /** Writes out what is buffered, leaving the stream open. */
  void flush() throws IOException {
    flushBuffer();
  }

  @Override
  public void close() throws IOException {
    flushBuffer();
    out.close();
  }
}
