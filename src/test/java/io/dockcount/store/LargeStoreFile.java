package io.dockcount.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Random;

/**
 * Makes a store's file large the way days of running make it: mostly dead space, in pages H2
 * wrote uncompressed, so that a backup of it takes seconds and {@code SHUTDOWN COMPACT} shrinks
 * it. The bytes are word text in a table of their own ({@code test_filler}), which nothing in
 * dockcount reads.
 */
public final class LargeStoreFile {
  private LargeStoreFile() {}

  /**
   * Adds about {@code mb} MiB of word text to the closed store's file and deletes three rows in
   * four again, then closes without compaction.
   */
  public static void grow(StoreSettings settings, long mb) throws Exception {
    Random random = new Random(7);
    String[] words = new String[4096];
    for (int i = 0; i < words.length; i++) {
      char[] w = new char[3 + random.nextInt(8)];
      for (int j = 0; j < w.length; j++) {
        w[j] = (char) ('a' + random.nextInt(26));
      }
      words[i] = new String(w);
    }
    try (Connection c = DriverManager.getConnection(Store.url(settings.path()), "sa", "");
        Statement st = c.createStatement()) {
      st.execute("SET WRITE_DELAY 0");
      st.execute("CREATE TABLE test_filler (id INT PRIMARY KEY, txt VARCHAR(40000))");
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO test_filler VALUES (?, ?)")) {
        StringBuilder b = new StringBuilder(32 * 1024);
        for (int i = 0; i < mb * 32; i++) {
          b.setLength(0);
          while (b.length() < 32 * 1024 - 12) {
            b.append(words[random.nextInt(words.length)]).append(' ');
          }
          ps.setInt(1, i);
          ps.setString(2, b.toString());
          ps.addBatch();
          if (i % 64 == 63) {
            ps.executeBatch();
            c.commit();
          }
        }
        ps.executeBatch();
        c.commit();
      }
      st.execute("DELETE FROM test_filler WHERE MOD(id, 4) <> 0");
      c.commit();
      // A plain SHUTDOWN compacts for 200 ms at most: the dead space stays.
      st.execute("SHUTDOWN");
    }
  }
}
