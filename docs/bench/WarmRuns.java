/*
 * Runs the same `dockcount reconcile` several times in one JVM and prints each run's wall time:
 * the first run pays for loading classes and compiling the hot code, the later ones show what
 * the compiled code takes. Developer tool for docs/BENCHMARKS.md, not part of the product.
 *
 * Usage (Java's single-file launcher, against the built jar):
 *   java -cp target/dockcount.jar docs/bench/WarmRuns.java ROUNDS reconcile --book ... --out DIR
 */
public class WarmRuns {
  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    String[] command = java.util.Arrays.copyOfRange(args, 1, args.length);
    java.io.PrintStream out = System.out;
    for (int i = 1; i <= rounds; i++) {
      System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
      long started = System.nanoTime();
      int code = io.dockcount.cli.Main.run(command);
      long ms = (System.nanoTime() - started) / 1_000_000;
      System.setOut(out);
      out.printf("run %d: %d ms (exit %d)%n", i, ms, code);
    }
  }
}
