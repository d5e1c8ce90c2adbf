package io.dockcount.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Barcodes by code in packed arrays (each code's SKU and unit are dictionary ids), read as a
 * {@code Map<String, Barcode>} whose records are made on access. Iteration is in code order
 * (UTF-8 bytes), the order the station's barcode table is built in.
 *
 * <p>Filled through {@link #put} by one loader, then only read ({@link TextKeys}).
 */
final class CodeTable extends PackedMapView<MasterData.Barcode> {
  private final TextKeys codes;
  private final TextKeys skus;
  /** Unit codes and spellings (few), and the distinct pairs of them the rows use. */
  private final TextKeys units = new TextKeys(16);
  private final Map<Long, Integer> spellingIds = new HashMap<>();
  private int[] spellingUnit = new int[8];
  private int[] spellingWritten = new int[8];
  private int[] sku;
  /** Each code's unit: a pair of code and spelling, so a row holds no text of its own. */
  private int[] unit;
  /** Codes taken out by {@link #withdraw}: their ids stay, with no SKU. */
  private int withdrawn;
  /** What each withdrawn code was given to stand for, in the order met (few: a HashMap). */
  private final Map<String, List<MasterData.Barcode>> meanings = new HashMap<>();
  /** Codes kept out because their row cannot be counted as written, with why (few). */
  private final Map<String, MasterData.RefusedBarcode> refused = new HashMap<>();

  CodeTable(int expected) {
    this(new TextKeys(expected / 2), expected);
  }

  /** A table whose SKUs are ids of {@code skus}, which other tables of one loader may share. */
  CodeTable(TextKeys skus, int expected) {
    int n = Math.max(8, expected);
    codes = new TextKeys(n);
    this.skus = skus;
    sku = new int[n];
    unit = new int[n];
  }

  /** Sets what a code stands for, replacing any; returns the SKU it stood for, or null. */
  String put(String code, String skuCode, String unitCode) {
    return put(code, skuCode, unitCode, unitCode);
  }

  /**
   * As {@link #put(String, String, String)}, the unit {@code written} by its row as it was
   * ({@code PAL} for {@code PL}).
   */
  String put(String code, String skuCode, String unitCode, String written) {
    int before = codes.size();
    int id = codes.intern(code);
    if (id == sku.length) {
      int n = id + (id >> 1) + 1;
      sku = Arrays.copyOf(sku, n);
      unit = Arrays.copyOf(unit, n);
    }
    String was = id < before && sku[id] >= 0 ? skus.get(sku[id]) : null;
    if (id < before && sku[id] < 0) {
      withdrawn--;
      meanings.remove(code);
    }
    refused.remove(code);
    sku[id] = skus.intern(skuCode);
    unit[id] = spelling(unitCode, written);
    keysChanged();
    return was;
  }

  /** Sets how the row of a code wrote its unit; a code not in the table is left so. */
  void spell(String code, String written) {
    int id = codes.find(code);
    if (listed(id)) {
      unit[id] = spelling(units.get(spellingUnit[unit[id]]), written);
    }
  }

  /** Returns whether the row of a listed code wrote its unit otherwise than its code. */
  boolean spelledOtherwise(int id) {
    return spellingWritten[unit[id]] != spellingUnit[unit[id]];
  }

  private int spelling(String unitCode, String written) {
    int u = units.intern(unitCode);
    int w = written.equals(unitCode) ? u : units.intern(written);
    Integer known = spellingIds.get((long) u << 32 | w);
    if (known != null) {
      return known;
    }
    int id = spellingIds.size();
    if (id == spellingUnit.length) {
      spellingUnit = Arrays.copyOf(spellingUnit, id * 2);
      spellingWritten = Arrays.copyOf(spellingWritten, id * 2);
    }
    spellingUnit[id] = u;
    spellingWritten[id] = w;
    spellingIds.put((long) u << 32 | w, id);
    return id;
  }

  /** Returns whether a code was taken out by {@link #withdraw} (and not put back since). */
  boolean withdrawn(String code) {
    int id = codes.find(code);
    return id >= 0 && sku[id] < 0;
  }

  /** Returns what a code stands for, or null. */
  MasterData.Barcode find(String code) {
    return get(code);
  }

  /**
   * Takes a code out of the table: the loader found it standing for {@code otherSku} /
   * {@code otherUnit} besides what it stands for. Both meanings are kept for the refusal of
   * its scans; a code already taken out keeps the new meaning too. Returns whether the code
   * stood for something until now.
   */
  boolean withdraw(String code, String otherSku, String otherUnit) {
    int id = codes.find(code);
    MasterData.Barcode other = new MasterData.Barcode(code, otherSku, otherUnit);
    if (id >= 0 && sku[id] < 0) {
      List<MasterData.Barcode> known = meanings.computeIfAbsent(code, c -> new ArrayList<>());
      if (known.stream().noneMatch(b -> b.sku().equals(otherSku) && b.unit().equals(otherUnit))) {
        known.add(other);
      }
      return false;
    }
    if (!listed(id)) {
      return false;
    }
    MasterData.Barcode was = barcode(id);
    sku[id] = -1;
    withdrawn++;
    meanings.put(code, new ArrayList<>(was.sku().equals(otherSku)
        && was.unit().equals(otherUnit) ? List.of(was) : List.of(was, other)));
    keysChanged();
    return true;
  }

  /**
   * Keeps a code out of the table with the reason its row cannot be counted as written, so a
   * scan of it says that reason instead of "unknown". A code the table has, or has taken out,
   * is left as it is.
   */
  void refuse(MasterData.RefusedBarcode row) {
    int id = codes.find(row.code());
    if (id < 0) {
      refused.putIfAbsent(row.code(), row);
    }
  }

  /** Returns the row kept out for a code by {@link #refuse}, or null. */
  MasterData.RefusedBarcode refusedOf(String code) {
    return refused.get(code);
  }

  /** Returns the codes kept out by {@link #refuse}, in code order. */
  List<MasterData.RefusedBarcode> refusedCodes() {
    return refused.values().stream()
        .sorted(java.util.Comparator.comparing(MasterData.RefusedBarcode::code)).toList();
  }

  /** Returns the codes taken out by {@link #withdraw}, in code order, with their meanings. */
  Map<String, List<MasterData.Barcode>> withdrawnCodes() {
    Map<String, List<MasterData.Barcode>> out = new LinkedHashMap<>();
    for (int id : codes.sortedIds()) {
      if (sku[id] < 0) {
        String code = codes.get(id);
        out.put(code, List.copyOf(meanings.getOrDefault(code, List.of())));
      }
    }
    return out;
  }

  CodeTable trim() {
    codes.trim();
    skus.trim();
    units.trim();
    sku = Arrays.copyOf(sku, codes.size());
    unit = Arrays.copyOf(unit, codes.size());
    return this;
  }

  @Override
  public int size() {
    return codes.size() - withdrawn;
  }

  @Override
  TextKeys keys() {
    return codes;
  }

  @Override
  boolean listed(int id) {
    return id >= 0 && sku[id] >= 0;
  }

  @Override
  MasterData.Barcode valueAt(int id, String code) {
    int u = spellingUnit[unit[id]];
    int w = spellingWritten[unit[id]];
    String unitCode = units.get(u);
    return new MasterData.Barcode(code, skus.get(sku[id]), unitCode,
        w == u ? unitCode : units.get(w));
  }

  MasterData.Barcode barcode(int id) {
    return valueAt(id, codes.get(id));
  }
}
