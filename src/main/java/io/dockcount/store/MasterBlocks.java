package io.dockcount.store;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
  static final Comparator<MasterData.BookLine> BOOK_ORDER =
      Comparator.comparing(MasterData.BookLine::location)
          .thenComparing(MasterData.BookLine::sku)
          .thenComparing(MasterData.BookLine::lot);

  private MasterBlocks() {}

  /** Encodes book lines in {@link #BOOK_ORDER}. */
  static byte[] book(Collection<MasterData.BookLine> lines) {
    List<MasterData.BookLine> sorted = new ArrayList<>(lines);
    sorted.sort(BOOK_ORDER);
    return write(out -> {
      out.writeInt(sorted.size());
      for (MasterData.BookLine b : sorted) {
        text(out, b.location());
        text(out, b.sku());
        text(out, b.lot());
        out.writeLong(b.eaches());
      }
    });
  }

  static List<MasterData.BookLine> readBook(InputStream block) {
    return read(block, in -> {
      int n = in.readInt();
      List<MasterData.BookLine> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new MasterData.BookLine(text(in), text(in), text(in), in.readLong()));
      }
      return out;
    });
  }

  static byte[] items(Collection<MasterData.Item> items) {
    List<MasterData.Item> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(MasterData.Item::sku));
    return write(out -> {
      out.writeInt(sorted.size());
      for (MasterData.Item i : sorted) {
        text(out, i.sku());
        text(out, i.description());
        text(out, i.unitCost() == null ? null : i.unitCost().toPlainString());
        text(out, i.skuClass());
      }
    });
  }

  static List<MasterData.Item> readItems(InputStream block) {
    return read(block, in -> {
      int n = in.readInt();
      List<MasterData.Item> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String sku = text(in);
        String description = text(in);
        String cost = text(in);
        out.add(new MasterData.Item(sku, description, cost == null ? null : new BigDecimal(cost),
            text(in)));
      }
      return out;
    });
  }

  /** Encodes the UOM table as (sku, unit, eaches per unit) rows, by SKU then unit. */
  static byte[] uom(Map<String, Map<String, Long>> uom) {
    List<String> skus = new ArrayList<>(uom.keySet());
    skus.sort(null);
    int rows = uom.values().stream().mapToInt(Map::size).sum();
    return write(out -> {
      out.writeInt(rows);
      for (String sku : skus) {
        List<String> units = new ArrayList<>(uom.get(sku).keySet());
        units.sort(null);
        for (String unit : units) {
          text(out, sku);
          text(out, unit);
          out.writeLong(uom.get(sku).get(unit));
        }
      }
    });
  }

  static byte[] barcodes(Collection<MasterData.Barcode> barcodes) {
    List<MasterData.Barcode> sorted = new ArrayList<>(barcodes);
    sorted.sort(Comparator.comparing(MasterData.Barcode::code));
    return write(out -> {
      out.writeInt(sorted.size());
      for (MasterData.Barcode b : sorted) {
        text(out, b.code());
        text(out, b.sku());
        text(out, b.unit());
      }
    });
  }

  /** Returns the record count at the head of a block. */
  static int count(InputStream block) {
    return read(block, DataInputStream::readInt);
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
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        new GZIPInputStream(block, 1 << 16), 1 << 16))) {
      return r.read(in);
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
