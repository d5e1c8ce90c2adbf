package io.dockcount.store;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A dictionary of texts (SKUs, locations, lots, barcodes, descriptions) to dense int ids from 0,
 * kept as their exact UTF-8 bytes in one array: about 12 bytes per key plus the key's bytes,
 * where a {@code String} in a map costs 60 to 100.
 *
 * <p>Filled by one thread while master data loads; once the {@link MasterData} holding it is
 * published it is only read, and reads change nothing, so any number of threads may read it.
 * Unlike the core's {@code Symbols}, it caches no {@code String}s: a text is decoded on each
 * {@link #get}, which keeps the heap flat however many keys callers look at.
 */
final class TextKeys {
  private byte[] arena;
  private int bytes;
  /** Per id the start of its bytes; {@code starts[size]} is the end of the last key. */
  private int[] starts;
  private int size;
  /** Open addressing: 0 when empty, else id + 1. Kept at most half full. */
  private int[] table;
  private int mask;

  TextKeys(int expectedKeys) {
    int keys = Math.max(8, expectedKeys);
    arena = new byte[keys * 8];
    starts = new int[keys + 1];
    int slots = Integer.highestOneBit(keys * 2 - 1) << 1;
    table = new int[slots];
    mask = slots - 1;
  }

  int size() {
    return size;
  }

  /** Returns the id of {@code key}, adding it if new. */
  int intern(String key) {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    return intern(b, 0, b.length);
  }

  /** Returns the id of the UTF-8 text {@code buf[from, from+len)}, adding it if new. */
  int intern(byte[] buf, int from, int len) {
    if (table == null) {
      rebuildIndex();
    }
    int slot = slot(buf, from, len);
    if (table[slot] != 0) {
      return table[slot] - 1;
    }
    if (bytes + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(bytes + len, arena.length + (arena.length >> 1)));
    }
    System.arraycopy(buf, from, arena, bytes, len);
    bytes += len;
    if (size + 1 == starts.length) {
      starts = Arrays.copyOf(starts, starts.length + (starts.length >> 1) + 1);
    }
    int id = size++;
    starts[size] = bytes;
    table[slot] = id + 1;
    if (size * 2 > table.length) {
      grow();
    }
    return id;
  }

  /** Returns the id of the text {@code id} of {@code other}, adding it if new (no String). */
  int intern(TextKeys other, int id) {
    int s = other.starts[id];
    return intern(other.arena, s, other.starts[id + 1] - s);
  }

  /** Returns the id of {@code key}, or -1 when it is not in the dictionary. */
  int find(String key) {
    if (key == null) {
      return -1;
    }
    if (table == null) {
      throw new IllegalStateException("find in a dictionary whose index was dropped");
    }
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    int e = table[slot(b, 0, b.length)];
    return e - 1;
  }

  /** Returns the text of {@code id}, decoded anew (the caller may keep it). */
  String get(int id) {
    int len = starts[id + 1] - starts[id];
    return len == 0 ? "" : new String(arena, starts[id], len, StandardCharsets.UTF_8);
  }

  /** Compares the texts of two ids by their UTF-8 bytes, unsigned: code point order. */
  int compare(int a, int b) {
    return Arrays.compareUnsigned(arena, starts[a], starts[a + 1], arena, starts[b],
        starts[b + 1]);
  }

  /** Writes the text of {@code id} as its length and its UTF-8 bytes ({@link MasterBlocks}). */
  void write(DataOutputStream out, int id) throws IOException {
    int len = starts[id + 1] - starts[id];
    out.writeInt(len);
    out.write(arena, starts[id], len);
  }

  /** Returns every id, in the byte order of their texts. */
  int[] sortedIds() {
    int[] ids = new int[size];
    Arrays.setAll(ids, i -> i);
    IdSort.sort(ids, this::compare);
    return ids;
  }

  /** Returns, per id, its place in {@link #sortedIds()} order. */
  int[] ranks() {
    int[] sorted = sortedIds();
    int[] rank = new int[size];
    for (int i = 0; i < sorted.length; i++) {
      rank[sorted[i]] = i;
    }
    return rank;
  }

  /** Drops the room kept for growth: called once the dictionary is complete. */
  void trim() {
    arena = Arrays.copyOf(arena, bytes);
    starts = Arrays.copyOf(starts, size + 1);
  }

  /**
   * Drops the index from text to id, for a complete dictionary that is only read by id
   * (descriptions, locations, lots): {@link #find} is then refused, and an {@link #intern}
   * rebuilds the index first.
   */
  void dropIndex() {
    trim();
    table = null;
  }

  private void rebuildIndex() {
    int slots = Integer.highestOneBit(Math.max(8, size) * 2 - 1) << 1;
    table = new int[slots];
    mask = slots - 1;
    for (int id = 0; id < size; id++) {
      int s = starts[id];
      int slot = hash(arena, s, starts[id + 1] - s) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = id + 1;
    }
  }

  private int slot(byte[] buf, int from, int len) {
    int slot = hash(buf, from, len) & mask;
    while (true) {
      int e = table[slot];
      if (e == 0 || equalsAt(e - 1, buf, from, len)) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  private boolean equalsAt(int id, byte[] buf, int from, int len) {
    int s = starts[id];
    return starts[id + 1] - s == len && Arrays.equals(arena, s, s + len, buf, from, from + len);
  }

  private static int hash(byte[] buf, int from, int len) {
    int h = len;
    for (int i = from; i < from + len; i++) {
      h = 31 * h + buf[i];
    }
    h *= 0x9E3779B9;
    return h ^ (h >>> 15);
  }

  private void grow() {
    int[] old = table;
    table = new int[old.length * 2];
    mask = table.length - 1;
    for (int e : old) {
      if (e != 0) {
        int id = e - 1;
        int s = starts[id];
        int slot = hash(arena, s, starts[id + 1] - s) & mask;
        while (table[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        table[slot] = e;
      }
    }
  }
}
