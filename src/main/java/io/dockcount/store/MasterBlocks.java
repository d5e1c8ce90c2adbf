package io.dockcount.store;

import io.dockcount.core.barcode.BarcodeTable;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Book lines and master data as compressed blocks: a count, then each record's fields, each
 * text a length (-1 for none) and its UTF-8 bytes, each quantity a long. One block is one BLOB:
 * a million book lines are one insert of a few MB, not a million index updates.
 */
final class MasterBlocks {
  private MasterBlocks() {}

  /** A book block and the number of lines in it. */
  record Book(byte[] block, int lines) {}

  /**
   * Encodes book lines by location, SKU and lot (UTF-8 byte order), lines with the same three
   * adding up: book files may list one SKU at a location on several lines. Sorts line numbers,
   * so the lines are never made as records.
   */
  static Book book(BookTable t) {
    int[] locRank = t.locations.ranks();
    int[] skuRank = t.skus.ranks();
    int[] lotRank = t.lots.ranks();
    int[] order = new int[t.size()];
    Arrays.setAll(order, i -> i);
    IdSort.sort(order, (a, b) -> {
      int c = Integer.compare(locRank[t.locationId(a)], locRank[t.locationId(b)]);
      if (c == 0) {
        c = Integer.compare(skuRank[t.skuId(a)], skuRank[t.skuId(b)]);
      }
      return c != 0 ? c : Integer.compare(lotRank[t.lotId(a)], lotRank[t.lotId(b)]);
    });
    int lines = 0;
    for (int k = 0; k < order.length; k++) {
      if (k == 0 || !sameKey(t, order[k - 1], order[k])) {
        lines++;
      }
    }
    int count = lines;
    byte[] block = write(out -> {
      out.writeInt(count);
      for (int k = 0; k < order.length; ) {
        int first = order[k];
        long sum = 0;
        while (k < order.length && sameKey(t, first, order[k])) {
          sum += t.eaches(order[k++]);
        }
        t.locations.write(out, t.locationId(first));
        t.skus.write(out, t.skuId(first));
        t.lots.write(out, t.lotId(first));
        out.writeLong(sum);
      }
    });
    return new Book(block, count);
  }

  private static boolean sameKey(BookTable t, int a, int b) {
    return t.locationId(a) == t.locationId(b) && t.skuId(a) == t.skuId(b)
        && t.lotId(a) == t.lotId(b);
  }

  /** Reads a book block into its packed form, in the block's order. */
  static BookTable readBook(InputStream block) {
    return read(block, in -> {
      int n = in.readInt();
      BookTable out = new BookTable(n);
      byte[] buf = new byte[256];
      for (int i = 0; i < n; i++) {
        int locLen = length(in);
        buf = room(buf, locLen);
        in.readFully(buf, 0, locLen);
        int skuLen = length(in);
        buf = room(buf, locLen + skuLen);
        in.readFully(buf, locLen, skuLen);
        int lotLen = length(in);
        buf = room(buf, locLen + skuLen + lotLen);
        in.readFully(buf, locLen + skuLen, lotLen);
        out.add(buf, 0, locLen, locLen, skuLen, locLen + skuLen, lotLen, in.readLong());
      }
      return out.trim();
    });
  }

  /** Reads a book text's length: a book line's texts are never null. */
  private static int length(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 24) {
      throw new IOException("a book text of length " + n);
    }
    return n;
  }

  private static byte[] room(byte[] buf, int needed) {
    return needed <= buf.length ? buf : Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
  }

  /** Encodes the items by SKU. */
  static byte[] items(ItemTable items) {
    return write(out -> {
      out.writeInt(items.size());
      for (int id : items.order()) {
        MasterData.Item i = items.item(id);
        text(out, i.sku());
        text(out, i.description());
        text(out, i.unitCost() == null ? null : i.unitCost().toPlainString());
        text(out, i.skuClass());
      }
    });
  }

  /** Reads an items block into its packed form. */
  static Map<String, MasterData.Item> readItems(InputStream block) {
    return read(block, in -> {
      int n = in.readInt();
      ItemTable out = new ItemTable(n);
      for (int i = 0; i < n; i++) {
        String sku = text(in);
        String description = text(in);
        String cost = text(in);
        out.put(sku, description, cost == null ? null : new BigDecimal(cost), text(in));
      }
      return out.trim();
    });
  }

  /** Encodes the UOM table as (sku, unit, eaches per unit) rows, by SKU then unit. */
  static byte[] uom(UomRows uom) {
    return write(out -> {
      out.writeInt(uom.rows());
      for (int s : uom.order()) {
        String sku = uom.skus().get(s);
        for (Map.Entry<String, Long> u : uom.units(s).entrySet()) {
          text(out, sku);
          text(out, u.getKey());
          out.writeLong(u.getValue());
        }
      }
    });
  }

  /** Reads a UOM block into its packed form. */
  static UomRows readUom(InputStream block) {
    return read(block, in -> {
      int n = in.readInt();
      UomRows out = new UomRows(n);
      for (int i = 0; i < n; i++) {
        out.put(text(in), text(in), in.readLong());
      }
      return out.trim();
    });
  }

  /**
   * Reads a barcodes block into its packed form. Each code is kept under its lookup key
   * ({@link BarcodeTable#key}), as the start-up files keep it: a block stored before that holds
   * one GTIN in two forms, which with two meanings is unknown (both meanings kept, so its scans
   * are refused naming them), never whichever form came last. The codes stored as having two
   * meanings come back so too (blocks stored before they were kept have none).
   */
  static CodeTable readBarcodes(InputStream block) {
    return read(block, in -> {
      int n = in.readInt();
      CodeTable out = new CodeTable(n);
      for (int i = 0; i < n; i++) {
        addBarcode(out, text(in), text(in), text(in));
      }
      int first = in.read();
      if (first >= 0) {
        int rows = first << 24 | in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8
            | in.readUnsignedByte();
        for (int i = 0; i < rows; i++) {
          String code = text(in);
          String sku = text(in);
          String unit = text(in);
          if (out.find(code) == null && !out.withdrawn(code)) {
            out.put(code, sku, unit);
          }
          out.withdraw(code, sku, unit);
        }
        // Then how each row wrote its unit where that is not its code (blocks stored before
        // have none: their rows read as written so).
        int spelled = in.read();
        if (spelled >= 0) {
          rows = spelled << 24 | in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8
              | in.readUnsignedByte();
          for (int i = 0; i < rows; i++) {
            out.spell(text(in), text(in));
          }
        }
      }
      return out.trim();
    });
  }

  private static void addBarcode(CodeTable out, String written, String sku, String unit) {
    String key = BarcodeTable.key(written);
    String code = key == null ? written : key;
    MasterData.Barcode had = out.find(code);
    if (out.withdrawn(code)
        || had != null && !(had.sku().equals(sku) && had.unit().equals(unit))) {
      out.withdraw(code, sku, unit);
    } else if (had == null) {
      out.put(code, sku, unit);
    }
  }

  /**
   * Encodes the barcodes by code, then the codes given two meanings, a row per meaning (a
   * section readers before it stop short of).
   */
  static byte[] barcodes(CodeTable barcodes) {
    return write(out -> {
      out.writeInt(barcodes.size());
      for (int id : barcodes.order()) {
        MasterData.Barcode b = barcodes.barcode(id);
        text(out, b.code());
        text(out, b.sku());
        text(out, b.unit());
      }
      Map<String, List<MasterData.Barcode>> twoMeanings = barcodes.withdrawnCodes();
      out.writeInt(twoMeanings.values().stream().mapToInt(List::size).sum());
      for (List<MasterData.Barcode> meanings : twoMeanings.values()) {
        for (MasterData.Barcode b : meanings) {
          text(out, b.code());
          text(out, b.sku());
          text(out, b.unit());
        }
      }
      // A section of its own, which readers before it stop short of: the unit as its row
      // wrote it, for the rows that did not write it as its code (PAL for PL).
      int spelled = 0;
      for (int id : barcodes.order()) {
        spelled += barcodes.spelledOtherwise(id) ? 1 : 0;
      }
      out.writeInt(spelled);
      for (int id : barcodes.order()) {
        if (barcodes.spelledOtherwise(id)) {
          MasterData.Barcode b = barcodes.barcode(id);
          text(out, b.code());
          text(out, b.written());
        }
      }
    });
  }

  /** Returns the record count at the head of a block. */
  static int count(InputStream block) {
    return read(block, DataInputStream::readInt, false);
  }

  // ---- fields -----------------------------------------------------------------------------

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writer w) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
        new GZIPOutputStream(bytes, 1 << 16), 1 << 16))) {
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  private static <T> T read(InputStream block, Reader<T> r) {
    return read(block, r, true);
  }

  /** As above; {@code whole}: to the end, else its head only (its trailer is not checked). */
  private static <T> T read(InputStream block, Reader<T> r, boolean whole) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        new GZIPInputStream(block, 1 << 16), 1 << 16))) {
      T out = r.read(in);
      // Read to the end, so the trailer's CRC is checked: a damaged byte may still decode, as
      // another figure or text, and nothing else would tell.
      if (whole && in.read() != -1) {
        throw new IOException("bytes after the end of its content");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("a stored master data block is damaged", e);
    }
  }

  static InputStream of(byte[] block) {
    return new ByteArrayInputStream(block);
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String text(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
