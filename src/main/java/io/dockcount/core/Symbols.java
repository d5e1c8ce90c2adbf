package io.dockcount.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A dictionary of text keys (SKUs, locations, lots) to dense int ids, starting at 0.
 *
 * <p>Keys are kept as their exact UTF-8 bytes in one growing arena, so a SKU such as
 * {@code 0012345} keeps its leading zeros and a lookup from a parser's byte buffer creates no
 * String. Ids are assigned in order of first appearance; {@link #ranks()} gives the byte-wise
 * (code point) order used for deterministic output.
 *
 * <p>Built for a million keys looked up several million times, where each cache miss counts.
 * Most SKUs and location codes are short: a key of up to 17 digits, or of up to 10 letters,
 * digits and dashes, is packed into one long and found in a table that holds that long beside
 * its id, so a hit costs one cache line. Other keys go to a table that holds each key's hash
 * beside its id, and a hit then reads the key's bytes to compare (docs/BENCHMARKS.md).
 *
 * <p>Not thread-safe: one owner at a time.
 */
public final class Symbols {
  private byte[] arena;
  private int arenaSize;
  /** Per id: offset in the arena (high 40 bits) and length (low 24 bits). */
  private long[] spans;
  private int size;
  /** Slots: 0 when empty, else hash (high 32 bits) and id + 1 (low 32 bits). */
  private long[] table;
  private int mask;
  /** Packed keys: slot i holds the packed key at 2i (0 when empty) and its id at 2i + 1. */
  private long[] packedTable;
  private int packedMask;
  private int packedSize;
  private String[] strings;

  public Symbols() {
    this(128, 1 << 12);
  }

  /** A dictionary with room for about {@code expectedKeys} keys of {@code expectedBytes}. */
  public Symbols(int expectedKeys, int expectedBytes) {
    int keys = Math.max(16, expectedKeys);
    arena = new byte[Math.max(64, expectedBytes)];
    spans = new long[keys];
    // Most keys pack: the packed table is sized for all of them, the other starts small.
    int slots = Integer.highestOneBit(keys * 3 / 2) << 1;
    packedTable = new long[slots * 2];
    packedMask = slots - 1;
    table = new long[16];
    mask = table.length - 1;
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
    long packed = pack(buf, start, len);
    if (packed != 0) {
      int slot = packedSlot(packed);
      return packedTable[2 * slot] != 0 ? (int) packedTable[2 * slot + 1]
          : addPacked(packed, buf, start, len, slot);
    }
    int h = hash(buf, start, len);
    int slot = hashedSlot(h, buf, start, len);
    return table[slot] != 0 ? (int) table[slot] - 1
        : add(buf, start, len, (long) h << 32, slot);
  }

  /** Returns the id of the key, or -1 when it is not in the dictionary. */
  public int find(byte[] buf, int start, int len) {
    long packed = pack(buf, start, len);
    if (packed != 0) {
      int slot = packedSlot(packed);
      return packedTable[2 * slot] != 0 ? (int) packedTable[2 * slot + 1] : -1;
    }
    int slot = hashedSlot(hash(buf, start, len), buf, start, len);
    return table[slot] != 0 ? (int) table[slot] - 1 : -1;
  }

  /** Returns the slot holding {@code packed}, or the empty slot where it would go. */
  private int packedSlot(long packed) {
    int slot = mix(packed) & packedMask;
    while (true) {
      long k = packedTable[2 * slot];
      if (k == packed || k == 0) {
        return slot;
      }
      slot = (slot + 1) & packedMask;
    }
  }

  /** Returns the slot holding the key of hash {@code h}, or the empty slot where it would go. */
  private int hashedSlot(int h, byte[] buf, int start, int len) {
    int slot = h & mask;
    long hi = (long) h << 32;
    while (true) {
      long e = table[slot];
      if (e == 0 || ((e & 0xFFFFFFFF00000000L) == hi
          && equalsAt((int) e - 1, buf, start, len))) {
        return slot;
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
      s = new String(arena, offset(id), length(id), StandardCharsets.UTF_8);
      strings[id] = s;
    }
    return s;
  }

  /** Returns the arena holding the key bytes; valid until the next {@code intern}. */
  public byte[] arena() {
    return arena;
  }

  /** Returns where the key of {@code id} starts in the {@link #arena()}. */
  public int offset(int id) {
    return (int) (spans[id] >>> 24);
  }

  /** Returns the length in bytes of the key of {@code id}. */
  public int length(int id) {
    return (int) (spans[id] & 0xFFFFFF);
  }

  /** Compares two keys by their UTF-8 bytes, unsigned: the same order as code points. */
  public int compare(int a, int b) {
    int oa = offset(a);
    int ob = offset(b);
    return Arrays.compareUnsigned(arena, oa, oa + length(a), arena, ob, ob + length(b));
  }

  /** Returns the rank of every id in byte-wise key order: {@code rank[id]}. */
  public int[] ranks() {
    // Sort by the first 8 bytes as one unsigned long (flipped to sort as signed), then order
    // the runs that share those 8 bytes by their full bytes.
    long[] prefix = new long[size];
    int[] ids = new int[size];
    for (int id = 0; id < size; id++) {
      prefix[id] = prefix8(id) ^ Long.MIN_VALUE;
      ids[id] = id;
    }
    sortByPrefix(prefix, ids, 0, size - 1);
    int start = 0;
    for (int i = 1; i <= size; i++) {
      if (i == size || prefix[i] != prefix[start]) {
        if (i - start > 1) {
          sortRunByBytes(ids, start, i);
        }
        start = i;
      }
    }
    int[] rank = new int[size];
    for (int r = 0; r < size; r++) {
      rank[ids[r]] = r;
    }
    return rank;
  }

  private long prefix8(int id) {
    int off = offset(id);
    int len = length(id);
    long p = 0;
    for (int i = 0; i < 8; i++) {
      p = (p << 8) | (i < len ? arena[off + i] & 0xFF : 0);
    }
    return p;
  }

  /** Quicksort of {@code keys} carrying {@code ids} along, over {@code [lo, hi]}. */
  private static void sortByPrefix(long[] keys, int[] ids, int lo, int hi) {
    while (hi - lo > 16) {
      long pivot = median(keys[lo], keys[(lo + hi) >>> 1], keys[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (keys[i] < pivot) {
          i++;
        }
        while (keys[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(keys, ids, i++, j--);
        }
      }
      // Recurse into the smaller side, loop on the larger: bounded stack depth.
      if (j - lo < hi - i) {
        sortByPrefix(keys, ids, lo, j);
        lo = i;
      } else {
        sortByPrefix(keys, ids, i, hi);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      for (int j = i; j > lo && keys[j - 1] > keys[j]; j--) {
        swap(keys, ids, j - 1, j);
      }
    }
  }

  private static long median(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private static void swap(long[] keys, int[] ids, int a, int b) {
    long k = keys[a];
    keys[a] = keys[b];
    keys[b] = k;
    int t = ids[a];
    ids[a] = ids[b];
    ids[b] = t;
  }

  /** Insertion sort of a run of ids sharing an 8-byte prefix, by their full bytes. */
  private void sortRunByBytes(int[] ids, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      for (int j = i; j > from && compare(ids[j - 1], ids[j]) > 0; j--) {
        int t = ids[j - 1];
        ids[j - 1] = ids[j];
        ids[j] = t;
      }
    }
  }

  private int addPacked(long packed, byte[] buf, int start, int len, int slot) {
    int id = append(buf, start, len);
    packedTable[2 * slot] = packed;
    packedTable[2 * slot + 1] = id;
    // Filled to two thirds at most: a probe then reads about two slots, mostly one cache line.
    if (++packedSize * 3 > (packedMask + 1) * 2) {
      rehashPacked();
    }
    return id;
  }

  private void rehashPacked() {
    long[] old = packedTable;
    packedTable = new long[old.length * 2];
    packedMask = old.length - 1;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0) {
        int slot = mix(old[i]) & packedMask;
        while (packedTable[2 * slot] != 0) {
          slot = (slot + 1) & packedMask;
        }
        packedTable[2 * slot] = old[i];
        packedTable[2 * slot + 1] = old[i + 1];
      }
    }
  }

  /**
   * Packs a short key into a non-zero long, or returns 0 when it does not fit. Up to 17 digits:
   * the number and the length (so leading zeros count), tagged with bit 62. Otherwise up to 10
   * characters of {@code 0-9 A-Z a-z -}, six bits each (bits 0 to 59). The two never collide.
   */
  public static long pack(byte[] buf, int start, int len) {
    if (len == 0 || len > 17) {
      return 0;
    }
    long digits = 0;
    int i = start;
    int end = start + len;
    while (i < end) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      digits = digits * 10 + d;
      i++;
    }
    if (i == end) {
      return (1L << 62) | (digits << 5) | len;
    }
    if (len > 10) {
      return 0;
    }
    long packed = 0;
    for (i = start; i < end; i++) {
      int c = code(buf[i]);
      if (c == 0) {
        return 0;
      }
      packed = (packed << 6) | c;
    }
    return packed;
  }

  /** Returns the 6-bit code of a character that packs (1 to 63), or 0. */
  private static int code(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0' + 1;
    }
    if (b >= 'A' && b <= 'Z') {
      return b - 'A' + 11;
    }
    if (b >= 'a' && b <= 'z') {
      return b - 'a' + 37;
    }
    return b == '-' ? 63 : 0;
  }

  private static int mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    return (int) k;
  }

  private boolean equalsAt(int id, byte[] buf, int start, int len) {
    long span = spans[id];
    if ((int) (span & 0xFFFFFF) != len) {
      return false;
    }
    int off = (int) (span >>> 24);
    return Arrays.equals(arena, off, off + len, buf, start, start + len);
  }

  private int add(byte[] buf, int start, int len, long hi, int slot) {
    int id = append(buf, start, len);
    table[slot] = hi | (id + 1L);
    if ((size - packedSize) * 2 > table.length) {
      rehash();
    }
    return id;
  }

  /** Stores the key's bytes and returns its new id. */
  private int append(byte[] buf, int start, int len) {
    if (len > 0xFFFFFF) {
      throw new IllegalArgumentException("key longer than 16 MiB");
    }
    if (arenaSize + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + len));
    }
    System.arraycopy(buf, start, arena, arenaSize, len);
    if (size == spans.length) {
      spans = Arrays.copyOf(spans, size * 2);
    }
    int id = size++;
    spans[id] = ((long) arenaSize << 24) | len;
    arenaSize += len;
    return id;
  }

  private void rehash() {
    long[] old = table;
    table = new long[old.length * 2];
    mask = table.length - 1;
    for (long e : old) {
      if (e != 0) {
        int slot = (int) (e >>> 32) & mask;
        while (table[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        table[slot] = e;
      }
    }
  }

  private static int hash(byte[] buf, int start, int len) {
    int h = 0x9747b28c ^ len;
    int end = start + len;
    for (int i = start; i < end; i++) {
      h = (h ^ buf[i]) * 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    return h ^ (h >>> 13);
  }
}
