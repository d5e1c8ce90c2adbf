package io.dockcount.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The factors of a UOM table that count another unit of their SKU ({@code PL,40,CS}: a pallet
 * is 40 cases), resolved to eaches through any chain of levels in any row order, so that
 * {@code reconcile} and the count service read a pack hierarchy listed level by level alike.
 *
 * <p>A WMS exports such a table as it keeps it; reading 40 CS as 40 eaches would make every
 * pallet counted a false shortage, so a row whose unit it counts has no factor in eaches (none
 * listed, given two, reached only through itself, or through a pack refused since) is rejected
 * with that reason, and its own unit then has none. The caller's table holds the factors: this
 * class only keeps the rows that wait on another unit, which are few, so the rows in eaches of
 * a large table cost nothing here.
 *
 * <p>Not thread-safe: one loader fills and resolves it.
 *
 * @param <O> where a row came from, as the caller names it in its rejections (file and line)
 */
public final class UomChains<O> {
  /** Most eaches a resolved factor may come to: more is a code read as a quantity. */
  public static final long MAX_EACHES = 1_000_000_000_000L;
  /** Why a figure above {@link #MAX_EACHES} is refused. */
  public static final String TOO_MANY = "more than 10^12 eaches: a code in the quantity field?";

  /**
   * A row giving {@code unit} of {@code sku} as {@code factor} of {@code via}: canonical codes,
   * {@code via} neither each nor {@code unit}, except for a row counting a spelling of each,
   * whose {@code via} is that spelling as written ({@code PC}).
   */
  public record Link<O>(String sku, String unit, long factor, String via, O origin) {}

  /** Why a row was rejected; its unit then has no factor from it. */
  public enum Problem {
    /** Its factor in eaches would pass {@link #MAX_EACHES}. */
    TOO_MANY,
    /** Its unit already had another factor: the caller's table said so, and has none now. */
    TWO_FACTORS,
    /** The unit it counts has no factor in eaches (none, two, itself, or refused since). */
    NOT_IN_EACHES,
    /** It counts a spelling of each that the table gives another factor ({@code PC,10}). */
    DISPUTED_EACH
  }

  /** A rejected row, with the sentence that says why. */
  public record Rejection<O>(Link<O> row, Problem problem, String reason) {}

  /**
   * The table the rows are resolved into, as the caller keeps it. Rejections are returned, not
   * said here: the caller names the row its own way.
   */
  public interface Factors<O> {
    /** Returns eaches per unit the row counts ({@code via}), 0 when it has none. */
    long via(Link<O> row);

    /** Returns eaches per the row's own unit as it stands now, 0 when it has none. */
    long own(Link<O> row);

    /**
     * Sets the row's unit to {@code eaches}; returns why the row is rejected when its unit
     * already had another factor (the caller then takes both away), or null.
     */
    String put(Link<O> row, long eaches);

    /** Takes the row's unit's factor away: a guess to count with, as the rejection says. */
    void withdraw(Link<O> row);

    /** Returns why the unit the row counts has no factor (its row was rejected), or null. */
    default String whyNone(Link<O> row) {
      return null;
    }

    /**
     * Hears of a rejection as it is made, before the next row's reason is written: a caller
     * that notes where a unit was refused ({@link #whyNone}) can name it to the rows above.
     */
    default void rejected(Rejection<O> rejection) {}
  }

  /**
   * A table keyed by SKU and unit code, as the count service's loaders keep theirs: a row's
   * units are looked up there by code, so a loader only writes to it and names rejections.
   */
  public abstract static class ByCode<O> implements Factors<O> {
    /** Returns eaches per {@code unit} of {@code sku} as the table stands, 0 when it has none. */
    protected abstract long factor(String sku, String unit);

    @Override
    public final long via(Link<O> row) {
      return factor(row.sku(), row.via());
    }

    @Override
    public final long own(Link<O> row) {
      return factor(row.sku(), row.unit());
    }
  }

  private final List<Link<O>> waiting = new ArrayList<>();
  private final List<Link<O>> eachBased = new ArrayList<>();
  /** Spellings of each given another factor: by SKU and each word, "PC 10 EA". */
  private final Map<String, String> disputes = new HashMap<>();
  /** The rows resolved, in the order they were, with the factor of the unit each read. */
  private final List<Link<O>> used = new ArrayList<>();
  private long[] usedVia = new long[8];

  /**
   * Keeps a row whose factor counts {@code via} (a canonical code other than each and than
   * {@code unit}) until {@link #resolve}.
   */
  public void add(String sku, String unit, long factor, String via, O origin) {
    if (factor <= 0) {
      throw new IllegalArgumentException("factor must be above 0: " + factor);
    }
    waiting.add(new Link<>(sku, unit, factor, via, origin));
  }

  /**
   * Keeps a row whose factor counts a spelling of each other than EA ({@code CS,12,PC}), which
   * the caller has already put in eaches: it holds only if no row of the table gives that
   * spelling another factor ({@link #dispute}).
   */
  public void addEachBased(String sku, String unit, long factor, String written, O origin) {
    eachBased.add(new Link<>(sku, unit, factor, UnitCode.squeezed(written), origin));
  }

  /**
   * Notes a row giving {@code written}, a spelling read as each ({@code PC}), another factor
   * than 1 for the SKU: a factor counted in it is 12 or 120 eaches, a guess either way.
   */
  public void dispute(String sku, String written, long factor) {
    String squeezed = UnitCode.squeezed(written);
    disputes.putIfAbsent(sku + '\0' + UnitCode.eachWord(squeezed),
        squeezed + " " + factor + " " + UnitCode.EACH);
  }

  /** Returns true when no row waits on another unit or a spelling of each. */
  public boolean isEmpty() {
    return waiting.isEmpty() && eachBased.isEmpty();
  }

  /**
   * Refuses the rows counting a disputed spelling of each, then resolves the rest in passes:
   * each pass uses only the factors known when it starts, so two rows for one unit settled in
   * one pass are a conflict before any row reads either. Rows left over wait on a unit with no
   * factor in eaches; a row read through a unit that lost its factor since loses its own.
   *
   * @return the rows rejected, in the order they were found to be
   */
  public List<Rejection<O>> resolve(Factors<O> table) {
    List<Rejection<O>> out = new ArrayList<>();
    for (Link<O> e : eachBased) {
      String says = disputes.get(e.sku() + '\0' + UnitCode.eachWord(e.via()));
      if (says != null) {
        table.withdraw(e);
        reject(table, out, new Rejection<>(e, Problem.DISPUTED_EACH, e.unit() + " is given "
            + "as " + e.factor() + " " + e.via() + ", but the table gives " + says + ", while "
            + e.via() + " is read as each: " + e.unit() + " has none until the table agrees"));
      }
    }
    eachBased.clear();
    List<Link<O>> left = resolveInPasses(table, out);
    withdrawReadThrough(table, left, out);
    return out;
  }

  private List<Link<O>> resolveInPasses(Factors<O> table, List<Rejection<O>> out) {
    List<Link<O>> left = new ArrayList<>(waiting);
    waiting.clear();
    while (!left.isEmpty()) {
      List<Link<O>> ready = new ArrayList<>();
      List<Link<O>> still = new ArrayList<>();
      long[] per = new long[left.size()];
      for (Link<O> c : left) {
        long f = table.via(c);
        if (f <= 0) {
          still.add(c);
        } else {
          per[ready.size()] = f;
          ready.add(c);
        }
      }
      if (ready.isEmpty()) {
        break;
      }
      for (int i = 0; i < ready.size(); i++) {
        Link<O> c = ready.get(i);
        if (c.factor() > MAX_EACHES / per[i]) {
          reject(table, out, new Rejection<>(c, Problem.TOO_MANY, c.factor() + " " + c.via()
              + " of " + per[i] + " EA is " + TOO_MANY));
          continue;
        }
        if (used.size() == usedVia.length) {
          usedVia = java.util.Arrays.copyOf(usedVia, used.size() * 2);
        }
        usedVia[used.size()] = per[i];
        used.add(c);
        String twice = table.put(c, c.factor() * per[i]);
        if (twice != null) {
          reject(table, out, new Rejection<>(c, Problem.TWO_FACTORS, twice));
        }
      }
      left = still;
    }
    return left;
  }

  /**
   * Withdraws the unit of each resolved row whose unit it was read through has since lost the
   * factor it was read with (given a second one, or refused as a pack smaller than its inner
   * after {@link #resolve}), and the units above it in turn.
   *
   * @return the rows rejected so
   */
  public List<Rejection<O>> recheck(Factors<O> table) {
    List<Rejection<O>> out = new ArrayList<>();
    withdrawReadThrough(table, List.of(), out);
    return out;
  }

  private static <O> void reject(Factors<O> table, List<Rejection<O>> out, Rejection<O> r) {
    out.add(r);
    table.rejected(r);
  }

  private void withdrawReadThrough(Factors<O> table, List<Link<O>> never,
      List<Rejection<O>> out) {
    List<Link<O>> unresolved = new ArrayList<>(never);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < used.size(); i++) {
        Link<O> c = used.get(i);
        if (table.own(c) > 0 && table.via(c) != usedVia[i]) {
          table.withdraw(c);
          unresolved.add(c);
          changed = true;
        }
      }
    }
    for (Link<O> c : unresolved) {
      String why = table.whyNone(c);
      reject(table, out, new Rejection<>(c, Problem.NOT_IN_EACHES, c.unit() + " is given as "
          + c.factor() + " " + c.via() + ", and the table gives " + c.via() + " of this SKU no "
          + "factor in eaches" + (why == null ? "" : " (" + why + ")") + ": " + c.unit()
          + " has none until it does"));
    }
  }
}
