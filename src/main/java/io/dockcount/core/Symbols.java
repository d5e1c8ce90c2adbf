package io.dockcount.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A dictionary of text keys (SKUs, locations, lots) to dense int ids, starting at 0.
 *
 * <p>Keys are kept as their exact UTF-8 bytes in one growing arena, so a SKU such as
 * {@code 0012345} keeps its leading zeros and a lookup from a parser's byte buffer creates no
 * String. Ids are assigned in order of first appearance; {@link #sortedOrder()} gives the
 * byte-wise (code point) order used for deterministic output.
 *
 * <p>Not thread-safe: one owner at a time.
 */
public final class Symbols {
  private static final int EMPTY = -1;

  private byte[] arena = new byte[1 << 16];
  private int arenaSize;
  private int[] offsets = new int[1024];
  private int[] hashes = new int[1024];
  private int size;
  private int[] table = newTable(2048);
  private int mask = 2047;
  private String[] strings;

  private static int[] newTable(int capacity) {
    int[] t = new int[capacity];
    Arrays.fill(t, EMPTY);
    return t;
  }

  /** Returns the number of distinct keys. */
  public int size() {
    return size;
  }

  /** Returns the id of {@code key}, adding it if new. */
  public int intern(String key) {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    return intern(b, 0, b.length);
  }

  /** Returns the id of the UTF-8 key {@code buf[start, start+len)}, adding it if new. */
  public int intern(byte[] buf, int start, int len) {
    int h = hash(buf, start, len);
    int slot = h & mask;
    while (true) {
      int id = table[slot];
      if (id == EMPTY) {
        return add(buf, start, len, h, slot);
      }
      if (hashes[id] == h && equalsAt(id, buf, start, len)) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Returns the id of the key, or -1 when it is not in the dictionary. */
  public int find(byte[] buf, int start, int len) {
    int h = hash(buf, start, len);
    int slot = h & mask;
    while (true) {
      int id = table[slot];
      if (id == EMPTY) {
        return -1;
      }
      if (hashes[id] == h && equalsAt(id, buf, start, len)) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Returns the id of the key, or -1 when it is not in the dictionary. */
  public int find(String key) {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    return find(b, 0, b.length);
  }

  /** Returns the key of {@code id} as a String (cached after the first call). */
  public String get(int id) {
    if (strings == null || strings.length < size) {
      strings = strings == null ? new String[size] : Arrays.copyOf(strings, size);
    }
    String s = strings[id];
    if (s == null) {
      s = new String(arena, offsets[id], length(id), StandardCharsets.UTF_8);
      strings[id] = s;
    }
    return s;
  }

  /** Returns the arena holding the key bytes; valid until the next {@code intern}. */
  public byte[] arena() {
    return arena;
  }

  public int offset(int id) {
    return offsets[id];
  }

  public int length(int id) {
    int end = id + 1 < size ? offsets[id + 1] : arenaSize;
    return end - offsets[id];
  }

  /** Compares two keys by their UTF-8 bytes, unsigned: the same order as code points. */
  public int compare(int a, int b) {
    return Arrays.compareUnsigned(arena, offsets[a], offsets[a] + length(a),
        arena, offsets[b], offsets[b] + length(b));
  }

  /** Returns the rank of every id in byte-wise key order: {@code rank[id]}. */
  public int[] ranks() {
    Integer[] ids = new Integer[size];
    for (int i = 0; i < size; i++) {
      ids[i] = i;
    }
    Arrays.sort(ids, this::compare);
    int[] rank = new int[size];
    for (int r = 0; r < size; r++) {
      rank[ids[r]] = r;
    }
    return rank;
  }

  private boolean equalsAt(int id, byte[] buf, int start, int len) {
    int off = offsets[id];
    return length(id) == len && Arrays.equals(arena, off, off + len, buf, start, start + len);
  }

  private int add(byte[] buf, int start, int len, int h, int slot) {
    if (arenaSize + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + len));
    }
    System.arraycopy(buf, start, arena, arenaSize, len);
    if (size == offsets.length) {
      offsets = Arrays.copyOf(offsets, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    int id = size++;
    offsets[id] = arenaSize;
    hashes[id] = h;
    arenaSize += len;
    table[slot] = id;
    if (size * 2 > table.length) {
      rehash();
    }
    return id;
  }

  private void rehash() {
    int capacity = table.length * 2;
    table = newTable(capacity);
    mask = capacity - 1;
    for (int id = 0; id < size; id++) {
      int slot = hashes[id] & mask;
      while (table[slot] != EMPTY) {
        slot = (slot + 1) & mask;
      }
      table[slot] = id;
    }
  }

  private static int hash(byte[] buf, int start, int len) {
    int h = 0x9747b28c ^ len;
    int end = start + len;
    for (int i = start; i < end; i++) {
      h = (h ^ buf[i]) * 0x01000193;
    }
    return h ^ (h >>> 15);
  }
}
