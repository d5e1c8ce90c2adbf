package io.dockcount.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Validates a site configuration file without starting the service: exit 0 when {@code run}
 * would accept it, 2 with one line per problem on stderr when it would not. Warnings (keys the
 * defaults do not know) go to stderr too but do not fail the check.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = "Check a configuration file as `run` reads it, without starting anything.")
final class CheckConfigCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "Site configuration (HOCON).")
  Path file;

  @Option(names = "--no-inputs",
      description = "Do not require the input files (book, items, ...) to exist yet, nor the "
          + "store, backup and report directories to be writable by this user.")
  boolean noInputs;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    // The output is the check's own report. Building what it checks (a Twilio account, say)
    // logs at INFO as the service does when it starts: start-up talk, not a finding, so only
    // WARN and ERROR, which may be real trouble, reach the console meanwhile.
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level level = root.getLevel();
    if (!level.isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
    try {
      return check();
    } finally {
      root.setLevel(level);
    }
  }

  private int check() {
    ConfigCheck check = ConfigCheck.of(file, !noInputs);
    PrintWriter err = spec.commandLine().getErr();
    check.warnings().forEach(w -> err.println("dockcount: warning: " + w));
    check.problems().forEach(p -> err.println("dockcount: " + p));
    if (!check.ok()) {
      err.println("dockcount: " + file + ": " + check.problems().size()
          + (check.problems().size() == 1 ? " problem" : " problems") + "; the service would not"
          + " start");
      return 2;
    }
    err.flush(); // the warnings come before the verdict, on a terminal too
    int warnings = check.warnings().size();
    spec.commandLine().getOut().println(file + ": OK (" + check.stations()
        + (check.stations() == 1 ? " station" : " stations")
        + (noInputs ? ", input files not checked" : "")
        + (warnings == 0 ? "" : ", " + warnings + (warnings == 1 ? " warning" : " warnings")
            + " above") + ")");
    return 0;
  }
}
