package io.dockcount.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a synthetic distribution-centre count workload: item master, UOM table, book and count
 * records with partial counts in cases, inner packs and pallets, a share of real variances,
 * uncounted book lines, unexpected finds, and a few probable unit errors. The same seed always
 * gives the same files.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write a synthetic count workload (items, uom, book, counts) to try dockcount.")
final class GenerateCommand implements Callable<Integer> {
  private static final String[] LEVELS = {"A", "B", "C", "D", "E"};

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--book-rows", defaultValue = "2000", paramLabel = "N",
      description = "Book lines (default 2000).")
  int bookRows;

  @Option(names = "--zones", defaultValue = "4", paramLabel = "N",
      description = "Zones (default 4).")
  int zones;

  @Option(names = "--seed", defaultValue = "805", paramLabel = "N",
      description = "Random seed (default 805).")
  long seed;

  @Override
  public Integer call() throws IOException {
    if (bookRows < 1 || zones < 1 || zones > 26) {
      throw new InputException("generate: --book-rows must be >= 1 and --zones 1..26");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    Files.createDirectories(out);
    List<String> skus = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int skuCount = Math.max(10, bookRows / 2);
    while (skus.size() < skuCount) {
      String sku = String.format("%012d", rnd.nextLong(1_000_000_000_000L));
      if (seen.add(sku)) {
        skus.add(sku);
      }
    }
    Map<String, int[]> packs = new LinkedHashMap<>();
    try (BufferedWriter items = writer("items.csv"); BufferedWriter uom = writer("uom.csv")) {
      items.write("sku,description,unit_cost\n");
      uom.write("sku,uom,qty_per_uom\n");
      for (String sku : skus) {
        long cents = 5 + (long) (Math.exp(rnd.nextGaussian() * 1.1 + 2.0) * 100);
        items.write(sku + ",Item " + sku.substring(7) + "," + cents / 100 + "."
            + String.format("%02d", cents % 100) + "\n");
        int cs = new int[] {6, 12, 12, 24, 24, 48}[rnd.nextInt(6)];
        int ip = cs / new int[] {2, 3, 4}[rnd.nextInt(3)];
        int pl = cs * new int[] {20, 40, 60}[rnd.nextInt(3)];
        packs.put(sku, new int[] {cs, ip, pl});
        uom.write(sku + ",EA,1\n" + sku + ",CS," + cs + "\n" + sku + ",IP," + ip + "\n"
            + sku + ",PL," + pl + "\n");
      }
    }
    Map<String, Integer> book = new LinkedHashMap<>();
    while (book.size() < bookRows) {
      String sku = skus.get(rnd.nextInt(skus.size()));
      String key = sku + "," + location(rnd);
      int cs = packs.get(sku)[0];
      book.putIfAbsent(key, rnd.nextBoolean() ? cs * (1 + rnd.nextInt(30)) : 1 + rnd.nextInt(500));
    }
    try (BufferedWriter b = writer("book.csv"); BufferedWriter c = writer("counts.csv")) {
      b.write("sku,location,book_qty\n");
      c.write("count_id,station,counted_at,sku,location,count_qty,count_uom\n");
      int[] id = {0};
      for (Map.Entry<String, Integer> e : book.entrySet()) {
        b.write(e.getKey() + "," + e.getValue() + "\n");
        double r = rnd.nextDouble();
        int qty = e.getValue();
        if (r < 0.01) {
          continue; // never counted
        }
        String sku = e.getKey().substring(0, e.getKey().indexOf(','));
        if (r < 0.03) {
          qty = Math.max(0, qty + (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(1 + qty / 4)));
        } else if (r < 0.035 && qty % packs.get(sku)[0] == 0) {
          // A case count keyed in eaches: the classic unit error.
          count(c, id, rnd, e.getKey(), qty / packs.get(sku)[0], "EA");
          continue;
        }
        countInUnits(c, id, rnd, e.getKey(), qty, packs.get(sku));
      }
      for (int i = 0; i < bookRows / 200; i++) {
        String sku = skus.get(rnd.nextInt(skus.size()));
        String key = sku + "," + location(rnd);
        if (!book.containsKey(key)) {
          count(c, id, rnd, key, 1 + rnd.nextInt(50), "EA");
        }
      }
    }
    System.out.println("Wrote items.csv, uom.csv, book.csv and counts.csv to " + out);
    return 0;
  }

  private String location(SplittableRandom rnd) {
    return (char) ('A' + rnd.nextInt(zones)) + String.format("-%02d-%02d-", 1 + rnd.nextInt(20),
        1 + rnd.nextInt(40)) + LEVELS[rnd.nextInt(LEVELS.length)];
  }

  private static void countInUnits(BufferedWriter c, int[] id, SplittableRandom rnd, String key,
      int eaches, int[] pack) throws IOException {
    String[] units = {"PL", "CS", "IP"};
    int[] factors = {pack[2], pack[0], pack[1]};
    int left = eaches;
    boolean any = false;
    for (int i = 0; i < units.length; i++) {
      if (left >= factors[i] && rnd.nextDouble() < 0.7) {
        count(c, id, rnd, key, left / factors[i], units[i]);
        left %= factors[i];
        any = true;
      }
    }
    if (left > 0 || !any) {
      count(c, id, rnd, key, left, "EA");
    }
  }

  private static void count(BufferedWriter c, int[] id, SplittableRandom rnd, String key,
      int qty, String unit) throws IOException {
    id[0]++;
    int seconds = id[0] * 3;
    c.write(String.format("C%08d,ST%02d,2026-11-28T%02d:%02d:%02dZ,%s,%d,%s%n", id[0],
        1 + rnd.nextInt(12), 6 + seconds / 3600 % 18, seconds / 60 % 60, seconds % 60, key, qty,
        unit));
  }

  private BufferedWriter writer(String name) throws IOException {
    return Files.newBufferedWriter(out.resolve(name), StandardCharsets.UTF_8);
  }
}
