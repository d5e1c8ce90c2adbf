package io.dockcount.wms;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for one test class: its own cluster made by {@code initdb} in a temp
 * directory, listening on 127.0.0.1 on a free port, with password (SCRAM) login, stopped and
 * deleted by {@link #close()}. As root the server runs as the {@code postgres} user, since
 * PostgreSQL refuses root. Skips the test when the server binaries are absent ({@code .ci/run}
 * installs the Debian package {@code postgresql}).
 */
final class LocalPostgres implements AutoCloseable {
  static final String USER = "dockcount";
  static final String PASSWORD = "test-only-" + Long.toHexString(System.nanoTime());

  private final Path dir;
  private final Path data;
  private final Path bin;
  private final int port;
  private final Process server;

  private LocalPostgres(Path dir, Path bin, int port, Process server) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.bin = bin;
    this.port = port;
    this.server = server;
  }

  /** Starts a server, or skips the calling test with the reason. */
  static LocalPostgres startOrSkip() throws Exception {
    Path bin = findBin();
    Assumptions.assumeTrue(bin != null, "PostgreSQL server binaries not found under "
        + "/usr/lib/postgresql/*/bin: install the Debian package postgresql (.ci/run does)");
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("dockcount-pg-");
    Path pw = dir.resolve("pw");
    Files.writeString(pw, PASSWORD);
    if (root) {
      run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir);
    }
    run(as(root, bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
        "-U", USER, "-A", "scram-sha-256", "--pwfile=" + pw, "-E", "UTF8", "--no-sync",
        "--no-instructions"), dir);
    int port = freePort();
    Process server = new ProcessBuilder(as(root, bin.resolve("postgres").toString(), "-D",
        dir.resolve("data").toString(), "-p", Integer.toString(port), "-k", dir.toString(),
        "-h", "127.0.0.1", "-c", "fsync=off", "-c", "max_connections=20"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
    LocalPostgres pg = new LocalPostgres(dir, bin, port, server);
    pg.awaitReady();
    return pg;
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  int port() {
    return port;
  }

  /** Opens a connection as the cluster's owner. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), USER, PASSWORD);
  }

  /** Runs SQL statements as the owner. */
  void exec(String... sql) throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    SQLException lastError = null;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("postgres exited: "
            + Files.readString(dir.resolve("server.log")));
      }
      try (Connection c = connect()) {
        return;
      } catch (SQLException e) {
        lastError = e;
        // Wait for the server, not for a fixed time: a short bounded wait on its exit.
        server.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }
    throw new IllegalStateException("postgres not ready in 60s", lastError);
  }

  @Override
  public void close() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      run(as(root, bin.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m",
          "fast", "-w"), dir);
    } finally {
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Path findBin() throws IOException {
    Path base = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(base)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(base)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("postgres")))
          .max(Comparator.comparingInt(b -> version(b.getParent())))
          .orElse(null);
    }
  }

  private static int version(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static List<String> as(boolean root, String... cmd) {
    List<String> out = new ArrayList<>();
    if (root) {
      out.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    out.addAll(List.of(cmd));
    return out;
  }

  private static void run(List<String> cmd, Path dir) throws Exception {
    Path log = dir.resolve("cmd.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroy();
      throw new IllegalStateException(String.join(" ", cmd) + " failed: "
          + (Files.exists(log) ? Files.readString(log) : ""));
    }
  }

  /**
   * A free loopback port: from the range the system property {@code dockcount.test.ports}
   * names ("21450-21499"), when set (a machine whose ports are shared out), else any.
   */
  private static int freePort() throws IOException {
    String range = System.getProperty("dockcount.test.ports", "").strip();
    if (range.isEmpty()) {
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      }
    }
    String[] ends = range.split("-");
    int from = Integer.parseInt(ends[0].strip());
    int to = Integer.parseInt(ends[ends.length - 1].strip());
    for (int port = from; port <= to; port++) {
      try (ServerSocket s = new ServerSocket(port, 1,
          java.net.InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // in use: the next one
      }
    }
    throw new IOException("no free loopback port in dockcount.test.ports " + range);
  }
}
