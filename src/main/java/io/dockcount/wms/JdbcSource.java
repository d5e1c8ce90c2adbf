package io.dockcount.wms;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Pulls each kind with its own query over a read-only login, all queries in one read-only
 * repeatable-read transaction, so the kinds come from one consistent state of the WMS. A
 * query's column labels are our column names ({@code SELECT item_no AS sku ...}); every value
 * is read as text, so codes keep their leading zeros and decimals stay exact.
 *
 * <p>PostgreSQL's driver ships with dockcount; another database's driver jar (SQL Server's
 * {@code mssql-jdbc}, Oracle's {@code ojdbc11}) is added to the class path and found by its
 * {@code jdbc:} URL (README, "WMS integration").
 */
public final class JdbcSource implements WmsSource {
  private final WmsSettings.Jdbc settings;

  public JdbcSource(WmsSettings.Jdbc settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "jdbc " + redact(settings.login().url());
  }

  @Override
  public java.util.Set<String> kinds() {
    return java.util.Set.copyOf(settings.queries().keySet());
  }

  @Override
  public List<RawTable> pull() throws SourceException {
    int seconds = (int) Math.max(1, settings.timeout().toSeconds());
    try (Connection c = connect(settings.login(), seconds)) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      // A dropped connection or a server that stops answering ends the read, not the service.
      c.setNetworkTimeout(Runnable::run, (int) settings.timeout().toMillis() * 2);
      List<RawTable> out = new ArrayList<>();
      for (Map.Entry<String, String> q : ordered()) {
        out.add(query(c, q.getKey(), q.getValue(), seconds));
      }
      c.rollback();
      return out;
    } catch (SQLException e) {
      throw failure(name() + ": ", e, settings.login().url());
    }
  }

  /**
   * A SourceException saying {@code e} with the password {@code url} holds masked; the
   * driver's exception is its cause only when no message in its chain holds that password (a
   * driver quotes the URL it could not take, or the host it could not resolve, {@code
   * user:password@host}, and a stack trace prints every cause's message).
   */
  static SourceException failure(String head, SQLException e, String url) {
    boolean leaks = false;
    for (Throwable t = e; t != null && !leaks; t = t.getCause() == t ? null : t.getCause()) {
      leaks = JdbcUrls.holdsSecret(t.getMessage(), url) || JdbcUrls.holdsSecret(t.toString(),
          url);
    }
    return new SourceException(head + JdbcUrls.scrub(describe(e), url), leaks ? null : e);
  }

  private List<Map.Entry<String, String>> ordered() {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String kind : WmsSettings.SOURCE_KINDS) {
      String sql = settings.queries().get(kind);
      if (sql != null) {
        out.add(Map.entry(kind, sql));
      }
    }
    return out;
  }

  private RawTable query(Connection c, String kind, String sql, int seconds)
      throws SQLException {
    String origin = "query " + kind;
    try (Statement st = c.createStatement()) {
      st.setQueryTimeout(seconds);
      st.setFetchSize(1000);
      try (ResultSet rs = st.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          header.add(md.getColumnLabel(i));
        }
        List<RawTable.Row> rows = new ArrayList<>();
        long n = 0;
        while (rs.next()) {
          List<String> values = new ArrayList<>(header.size());
          for (int i = 1; i <= header.size(); i++) {
            values.add(rs.getString(i));
          }
          rows.add(new RawTable.Row("row " + ++n, values, null));
        }
        return new RawTable(kind, origin, header, rows, true);
      }
    } catch (SQLException e) {
      throw new SQLException(origin + " failed: " + e.getMessage(), e.getSQLState(), e);
    }
  }

  /** Opens a connection; the password is read now and never logged. */
  static Connection connect(WmsSettings.Login login, int timeoutSeconds) throws SQLException {
    Properties p = new Properties();
    if (login.user() != null) {
      p.setProperty("user", login.user());
    }
    String password = login.password();
    if (password != null) {
      p.setProperty("password", password);
    }
    // Drivers read the login timeout from DriverManager; H2, the only other database here, is
    // embedded and does not wait on a network.
    DriverManager.setLoginTimeout(timeoutSeconds);
    if (login.url().startsWith("jdbc:postgresql:")) {
      // A server that accepts the connection and then answers nothing (hung, or stopped with
      // SIGSTOP) is bounded only by PostgreSQL's own timeouts: its driver does not take the
      // DriverManager's per connection, and setNetworkTimeout comes after the login.
      String secs = Integer.toString(timeoutSeconds);
      p.setProperty("loginTimeout", secs);
      p.setProperty("connectTimeout", secs);
      p.setProperty("socketTimeout", secs);
    }
    return DriverManager.getConnection(login.url(), p);
  }

  /**
   * Returns the URL without anything after '?' or ';' (where drivers take their parameters)
   * and with a password in a login ({@code user:password@}) masked.
   */
  static String redact(String url) {
    int cut = url.length();
    for (char ch : new char[] {'?', ';'}) {
      int i = url.indexOf(ch, "jdbc:".length());
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return JdbcUrls.mask(url.substring(0, cut));
  }

  /** Says what went wrong, with any password a URL quoted in the message masked. */
  static String describe(SQLException e) {
    String state = e.getSQLState();
    String msg = JdbcUrls.mask(e.getMessage() == null ? e.toString() : e.getMessage());
    if (e instanceof java.sql.SQLTimeoutException || "57014".equals(state)) {
      return "timed out: " + msg;
    }
    if (state != null && state.startsWith("08")) {
      return "no connection: " + msg;
    }
    return msg;
  }
}
