package io.dockcount.core;

/**
 * The no-break spaces spreadsheets and locale formats put around numbers and text, in UTF-8:
 * U+00A0 ({@code C2 A0}), the narrow one French formats group and pad with, U+202F
 * ({@code E2 80 AF}), and the figure space U+2007 ({@code E2 80 87}). Trimmed like a space.
 */
public final class NoBreakSpaces {
  private NoBreakSpaces() {}

  /** Whether the byte is one of those these characters are written with. */
  public static boolean isByteOf(byte b) {
    return b == (byte) 0xC2 || b == (byte) 0xA0 || b == (byte) 0xE2 || b == (byte) 0x80
        || b == (byte) 0xAF || b == (byte) 0x87;
  }

  /** Returns the length of the no-break space at {@code buf[i]}, before {@code end}, or 0. */
  public static int at(byte[] buf, int i, int end) {
    if (i + 1 < end && buf[i] == (byte) 0xC2 && buf[i + 1] == (byte) 0xA0) {
      return 2;
    }
    if (i + 2 < end && buf[i] == (byte) 0xE2 && buf[i + 1] == (byte) 0x80
        && (buf[i + 2] == (byte) 0xAF || buf[i + 2] == (byte) 0x87)) {
      return 3;
    }
    return 0;
  }

  /** Returns the length of the no-break space ending at {@code buf[end - 1]}, or 0. */
  public static int before(byte[] buf, int from, int end) {
    if (end - 1 > from && buf[end - 2] == (byte) 0xC2 && buf[end - 1] == (byte) 0xA0) {
      return 2;
    }
    if (end - 2 > from && buf[end - 3] == (byte) 0xE2 && buf[end - 2] == (byte) 0x80
        && (buf[end - 1] == (byte) 0xAF || buf[end - 1] == (byte) 0x87)) {
      return 3;
    }
    return 0;
  }
}
