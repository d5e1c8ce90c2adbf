package io.dockcount.core.barcode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable copy of bytes as they came from a scanner, kept for audit.
 *
 * <p>{@link #toString()} shows printable ASCII as itself and every other byte as {@code \xHH}
 * (GS is {@code \x1d}), so a log line or a report shows exactly what arrived.
 */
public final class RawBytes {
  /** No bytes. */
  public static final RawBytes EMPTY = new RawBytes(new byte[0]);

  private final byte[] bytes;

  private RawBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code buf[off, off+len)}. */
  public static RawBytes copyOf(byte[] buf, int off, int len) {
    return new RawBytes(Arrays.copyOfRange(buf, off, off + len));
  }

  /** Copies the whole array. */
  public static RawBytes copyOf(byte[] buf) {
    return copyOf(buf, 0, buf.length);
  }

  /** Returns the UTF-8 bytes of {@code text}. */
  public static RawBytes ofText(String text) {
    return new RawBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  public int length() {
    return bytes.length;
  }

  public byte get(int i) {
    return bytes[i];
  }

  /** Returns a copy of the bytes. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** Returns the bytes as text when they are valid UTF-8, otherwise null (never guessed). */
  public String strictUtf8() {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Returns the bytes as an escaped ASCII string (see the class comment). */
  public String escaped() {
    StringBuilder sb = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int v = b & 0xff;
      if (v >= 0x20 && v < 0x7f && v != '\\') {
        sb.append((char) v);
      } else if (v == '\\') {
        sb.append("\\\\");
      } else {
        sb.append("\\x").append(Character.forDigit(v >> 4, 16))
            .append(Character.forDigit(v & 15, 16));
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawBytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return escaped();
  }
}
