package io.dockcount.core;

/**
 * A count round as a supervisor says it. Rounds are numbered from 0 inside (tasks, events and
 * exports keep the number); on the floor the first count is the count and the recounts after
 * it are recount 1, recount 2, ...
 */
public final class CountRound {
  private CountRound() {}

  /**
   * Returns {@code "first count"} for round 0 and {@code "recount N"} for round N.
   *
   * @throws IllegalArgumentException for a negative round
   */
  public static String label(int round) {
    if (round < 0) {
      throw new IllegalArgumentException("count round " + round + " is negative");
    }
    return round == 0 ? "first count" : "recount " + round;
  }
}
