package io.dockcount.store;

import java.util.function.IntBinaryOperator;

/**
 * Sorts int ids by a comparator of ids, stably, without boxing: a million ids sort in one extra
 * int array instead of a million {@code Integer}s.
 */
final class IdSort {
  private static final int SMALL = 24;

  private IdSort() {}

  /** Sorts {@code ids} in place by {@code order} (negative, 0, positive as for a Comparator). */
  static void sort(int[] ids, IntBinaryOperator order) {
    int[] work = ids.clone();
    mergeSort(work, ids, 0, ids.length, order);
  }

  /** Sorts {@code dst[from, to)}, with {@code src} holding the same ids as scratch. */
  private static void mergeSort(int[] src, int[] dst, int from, int to, IntBinaryOperator order) {
    if (to - from <= SMALL) {
      insertionSort(dst, from, to, order);
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(dst, src, from, mid, order);
    mergeSort(dst, src, mid, to, order);
    if (order.applyAsInt(src[mid - 1], src[mid]) <= 0) {
      System.arraycopy(src, from, dst, from, to - from);
      return;
    }
    for (int i = from, p = from, q = mid; i < to; i++) {
      if (q >= to || (p < mid && order.applyAsInt(src[p], src[q]) <= 0)) {
        dst[i] = src[p++];
      } else {
        dst[i] = src[q++];
      }
    }
  }

  private static void insertionSort(int[] a, int from, int to, IntBinaryOperator order) {
    for (int i = from + 1; i < to; i++) {
      int v = a[i];
      int j = i - 1;
      while (j >= from && order.applyAsInt(a[j], v) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }
}
