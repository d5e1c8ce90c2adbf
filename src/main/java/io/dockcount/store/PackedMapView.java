package io.dockcount.store;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A read-only {@code Map<String, V>} over packed arrays whose keys are ids of a {@link TextKeys}
 * dictionary and whose values are made on access. Iteration is in key order (UTF-8 bytes);
 * entries are immutable, and the map refuses every change.
 */
abstract class PackedMapView<V> extends AbstractMap<String, V> {
  private volatile int[] order;
  private Set<Map.Entry<String, V>> entries;

  /** Returns the dictionary whose ids key this table. */
  abstract TextKeys keys();

  /** Returns whether the key with this dictionary id has a value here; false for -1. */
  abstract boolean listed(int id);

  /** Returns the value of a listed id, whose key is {@code key}. */
  abstract V valueAt(int id, String key);

  @Override
  public abstract int size();

  /** Returns the listed ids in key order; computed once after the last {@link #keysChanged}. */
  final int[] order() {
    int[] o = order;
    if (o == null) {
      o = Arrays.stream(keys().sortedIds()).filter(this::listed).toArray();
      order = o;
    }
    return o;
  }

  /** Drops the computed order; a table calls this whenever its listed keys may have changed. */
  final void keysChanged() {
    order = null;
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String s && listed(keys().find(s));
  }

  @Override
  public V get(Object key) {
    if (!(key instanceof String s)) {
      return null;
    }
    int id = keys().find(s);
    return listed(id) ? valueAt(id, s) : null;
  }

  @Override
  public Set<Map.Entry<String, V>> entrySet() {
    if (entries == null) {
      entries = new AbstractSet<>() {
        @Override
        public int size() {
          return PackedMapView.this.size();
        }

        @Override
        public Iterator<Map.Entry<String, V>> iterator() {
          return new EntryIterator(order());
        }
      };
    }
    return entries;
  }

  private final class EntryIterator implements Iterator<Map.Entry<String, V>> {
    private final int[] ids;
    private int next;

    EntryIterator(int[] ids) {
      this.ids = ids;
    }

    @Override
    public boolean hasNext() {
      return next < ids.length;
    }

    @Override
    public Map.Entry<String, V> next() {
      if (next >= ids.length) {
        throw new NoSuchElementException();
      }
      int id = ids[next++];
      String key = keys().get(id);
      return new SimpleImmutableEntry<>(key, valueAt(id, key));
    }
  }
}
