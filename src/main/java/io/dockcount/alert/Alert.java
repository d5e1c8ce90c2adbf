package io.dockcount.alert;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One thing a supervisor should hear about: where (zone, aisle, bay, level, location), what
 * (SKU, variance in eaches and its value) and which kind. Immutable; built by the zones (and
 * by the station and book layers for the other kinds) and turned into radio, SMS and Slack
 * messages by the {@link Notifier}.
 *
 * <p>{@code location} and {@code round} identify an alert for deduplication: the same kind at
 * the same location in the same count round is announced once.
 *
 * @param aisle empty when the location code has no aisle part (likewise bay and level)
 * @param varianceQty counted minus book in eaches, or null when there is none (a station alert)
 * @param value the variance value, or null when unknown (no unit cost) or not applicable
 * @param round the count round the variance was found in (0 first count, 1.. recounts)
 * @param line the one-line text printed by {@code run} and {@code demo}
 */
public record Alert(
    Kind kind,
    String zone,
    String aisle,
    String bay,
    String level,
    String location,
    String sku,
    Long varianceQty,
    BigDecimal value,
    int round,
    String line) {

  /** What an alert is about; the policy routes each kind to its own channels. */
  public enum Kind {
    /** A closed location's variance value is at or above the high-value threshold. */
    HIGH_VALUE,
    /** A variance to recount, reported in the zone's cycle digest. */
    RECOUNT,
    /** A count station's scanner went offline. */
    STATION_DISCONNECTED,
    /** The WMS book snapshot is older than allowed. */
    STALE_SNAPSHOT,
    /** The hourly backup failed (and each one after it, until one works): said once. */
    BACKUP_FAILED,
    /** The database would not open and was restored from a backup: later counts are lost. */
    STORE_RESTORED,
    /** The database file stopped taking writes (a full disk): no count is stored. */
    STORE_FAILED,
    /**
     * A zone's reconciliation could not be saved (and each one after it, until one is): its
     * counts are kept, but no recount task or variance alert comes from it. Said once.
     */
    RUN_FAILED,
    /**
     * A location being counted that no station has open: left open by a stop or restart, or
     * for longer than allowed. It is not reconciled as closed until someone closes it.
     */
    LOCATION_LEFT_OPEN,
    /**
     * The stored WMS book could not be read at start: the zones compare counts with the
     * start-up files' book until the WMS delivers again. Said once per unreadable snapshot: a
     * later start on the same one logs it and lists it in the status only.
     */
    WMS_BOOK_UNREADABLE
  }

  public Alert {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(zone, "zone");
    aisle = aisle == null ? "" : aisle;
    bay = bay == null ? "" : bay;
    level = level == null ? "" : level;
    location = location == null ? "" : location;
    sku = sku == null ? "" : sku;
    Objects.requireNonNull(line, "line");
  }

  /** A station's scanner went offline; {@code station} stands in the location's place. */
  public static Alert stationDisconnected(String zone, String station, String reason) {
    return new Alert(Kind.STATION_DISCONNECTED, zone, "", "", "", station, "", null, null, 0,
        "ALERT zone " + zone + " station " + station + " disconnected: " + reason);
  }

  /**
   * A station's scanner is back after it was reported offline: kept in the outbox as the end
   * of that outage (a restart reads it), and sent to nobody.
   */
  public static Alert stationBack(String zone, String station, String line) {
    return new Alert(Kind.STATION_DISCONNECTED, zone, "", "", "", station, "", null, null, 0,
        CLEARED + "zone " + zone + " station " + station + ": " + line);
  }

  /** Backups stopped working; for every zone ({@code "*"}: its supervisors are told). */
  public static Alert backupFailed(String reason) {
    return new Alert(Kind.BACKUP_FAILED, "*", "", "", "", "", "", null, null, 0,
        "ALERT backups are failing: " + reason + "; the last verified backup stays, counting "
            + "goes on");
  }

  /**
   * The database was restored from {@code backup} (it would not open at start, or an older copy
   * was put in place by hand): what was recorded after that backup is lost and must be counted
   * again. For every zone.
   */
  public static Alert storeRestored(String backup) {
    return new Alert(Kind.STORE_RESTORED, "*", "", "", "", "", "", null, null, 0,
        "ALERT the database was restored from backup " + backup
            + ": counts recorded after that backup are lost; count again what was counted "
            + "since");
  }

  /**
   * The store takes no count ({@code why}: a full disk, until space is freed, or a failed
   * write, until a restart): every scan is refused red. Every zone.
   */
  public static Alert storeFailed(String why) {
    return new Alert(Kind.STORE_FAILED, "*", "", "", "", "", "", null, null, 0,
        "ALERT the database takes no counts, every scan is refused: " + why);
  }

  /** The store takes counts again (space was freed). Every zone. */
  public static Alert storeRecovered() {
    return new Alert(Kind.STORE_FAILED, "*", "", "", "", "", "", null, null, 0,
        CLEARED + "the database takes counts again");
  }

  /**
   * A run of {@code zone} could not be saved ({@code why}, the store's words): it makes no
   * recount task and raises no variance alert until a run is saved again.
   */
  public static Alert runFailed(String zone, String why) {
    return new Alert(Kind.RUN_FAILED, zone, "", "", "", "", "", null, null, 0,
        "ALERT zone " + zone + " reconciliation cannot be saved, no recount task is made; "
            + "counts are kept: " + why);
  }

  /** A run of {@code zone} was saved again after {@link #runFailed}. */
  public static Alert runSavedAgain(String zone) {
    return new Alert(Kind.RUN_FAILED, zone, "", "", "", "", "", null, null, 0,
        CLEARED + "zone " + zone + " reconciliation is saved again");
  }

  /**
   * A location of {@code zone} being counted that no station has open ({@code line} says how
   * many counts, since when, and what to do): nothing closes it by itself.
   */
  public static Alert locationLeftOpen(String zone, String location, int round, String line) {
    return new Alert(Kind.LOCATION_LEFT_OPEN, zone, "", "", "", location, "", null, null, round,
        "ALERT " + line);
  }

  /**
   * A location of {@code zone} reported left open in {@code round} is open at a station again:
   * kept, so that a restart knows that report is over; texted to nobody.
   */
  public static Alert locationOpenAgain(String zone, String location, int round, String line) {
    return new Alert(Kind.LOCATION_LEFT_OPEN, zone, "", "", "", location, "", null, null, round,
        CLEARED + line);
  }

  /** The stored WMS book could not be read at start ({@code line} says what follows). */
  public static Alert wmsBookUnreadable(String line) {
    return new Alert(Kind.WMS_BOOK_UNREADABLE, "*", "", "", "", "", "", null, null, 0,
        "ALERT " + line);
  }

  /** How the line of an alert that a condition has cleared begins. */
  public static final String CLEARED = "ALERT cleared: ";

  public static Alert staleSnapshot(String zone, String age) {
    return new Alert(Kind.STALE_SNAPSHOT, zone, "", "", "", "", "", null, null, 0,
        "ALERT zone " + zone + " book snapshot is stale (" + age + " old)");
  }

  /**
   * This alert, saying that its location has {@code more} other lines to recount in the same
   * round: one message goes out at once per location and round, and the others follow in the
   * digest.
   */
  public Alert withMoreAtLocation(int more) {
    return more <= 0 ? this : new Alert(kind, zone, aisle, bay, level, location, sku,
        varianceQty, value, round, line + " (+" + more + " more at this location)");
  }

  /** How many other lines at its location the alert says there are (0 when it says none). */
  public int moreAtLocation() {
    java.util.regex.Matcher m = MORE.matcher(line);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static final java.util.regex.Pattern MORE =
      java.util.regex.Pattern.compile(" \\(\\+([0-9]{1,9}) more at this location\\)$");

  /** The key that makes a second alert about the same location and round a duplicate. */
  public String dedupKey() {
    return kind + "|" + zone + "|" + location + "|" + round;
  }
}
