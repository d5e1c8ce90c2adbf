package io.dockcount.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Reconciles book and count files into reports. */
@Command(name = "reconcile", description = "Reconcile a book snapshot against count files.")
final class ReconcileCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new InputException("reconcile: being written");
  }
}
