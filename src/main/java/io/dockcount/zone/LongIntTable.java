package io.dockcount.zone;

/**
 * An open-addressing map from long keys to non-negative int values, with no object per entry.
 * Entries are never removed. Not thread-safe.
 */
final class LongIntTable {
  private long[] keys;
  /** Value + 1 per slot; 0 marks an empty slot. */
  private int[] values;
  private int mask;
  private int size;

  LongIntTable(int expected) {
    int slots = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    keys = new long[slots];
    values = new int[slots];
    mask = slots - 1;
  }

  /** Returns the value of {@code key}, or -1. */
  int get(long key) {
    for (int slot = slot(key); ; slot = (slot + 1) & mask) {
      if (values[slot] == 0) {
        return -1;
      }
      if (keys[slot] == key) {
        return values[slot] - 1;
      }
    }
  }

  /** Sets the value of {@code key} (replacing one it had). */
  void put(long key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value " + value);
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int slot = slot(key);
    while (values[slot] != 0 && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    if (values[slot] == 0) {
      size++;
    }
    keys[slot] = key;
    values[slot] = value + 1;
  }

  int size() {
    return size;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != 0) {
        int slot = slot(oldKeys[i]);
        while (values[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }
}
