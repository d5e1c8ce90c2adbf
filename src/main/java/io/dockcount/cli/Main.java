package io.dockcount.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dockcount} command line: one subcommand per job. */
@Command(
    name = "dockcount",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Physical-inventory count reconciliation.",
    subcommands = {ReconcileCommand.class, GenerateCommand.class, RunCommand.class,
        CheckConfigCommand.class,
        DemoCommand.class, HashPasswordCommand.class, StatusCommand.class, ZoneCommand.class,
        ScannersCommand.class, ScanCheckCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  /**
   * True when this JVM runs one command and exits ({@link #main}), false when a caller runs
   * commands in its own JVM ({@link #run}): only the former may tune the JVM for that command.
   */
  static volatile boolean ownsJvm;

  public static void main(String[] args) {
    ownsJvm = true;
    if (args.length > 0 && args[0].equals("reconcile")) {
      // Every module's reference.conf is parsed for the settings (about 100 ms cold); done on
      // a thread of its own while picocli reads the command line, the library's cache hands it
      // to ReconcileSettings when it asks.
      Thread t = new Thread(com.typesafe.config.ConfigFactory::defaultReference,
          "dockcount-config");
      t.setDaemon(true);
      t.start();
    }
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (2 for bad input or usage). */
  public static int run(String... args) {
    String unpassable = unpassable(args, System.getProperty("sun.jnu.encoding", "UTF-8"));
    if (unpassable != null) {
      System.err.println("dockcount: " + unpassable);
      return 2;
    }
    // picocli reads every subcommand's options when it builds the command line; for a
    // reconcile, whose run is timed against the clock, only that one is built.
    CommandLine cli = new CommandLine(
        args.length > 0 && args[0].equals("reconcile") ? new ReconcileOnly() : new Main());
    versionEverywhere(cli);
    cli.setExitCodeExceptionMapper(e -> 2);
    // One line, like every other input error: the whole usage would bury the reason.
    cli.setParameterExceptionHandler((e, parsed) -> {
      CommandLine cmd = e.getCommandLine();
      String name = cmd.getCommandSpec().qualifiedName();
      String why = e.getMessage().replace("is not a long", "is not a whole number")
          .replace("is not an int", "is not a whole number");
      cmd.getErr().println(name + ": " + why + " (see " + name + " --help)");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof InputException) {
        // Several problems (a config's service settings) are one line each, each its own.
        for (String line : String.valueOf(e.getMessage()).split("\n")) {
          cmd.getErr().println("dockcount: " + line);
        }
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }

  /**
   * Says which argument the locale could not pass to Java, or null: under a locale that is not
   * UTF-8 ({@code LANG=C}), a header or file name such as {@code Quantité} or
   * {@code Bestand_Köln.csv} reaches the program with U+FFFD for its accented letters, and
   * would be reported as a column or file the input lacks.
   */
  static String unpassable(String[] args, String encoding) {
    if (encoding.equalsIgnoreCase("UTF-8") || encoding.equalsIgnoreCase("UTF8")) {
      return null;
    }
    for (String a : args) {
      if (a.indexOf('\uFFFD') >= 0) {
        return "the argument '" + a + "' holds characters this locale cannot pass (the command "
            + "line is read as " + encoding + "): run in a UTF-8 locale (LC_ALL=C.UTF-8); a "
            + "column name may be given in a --config file instead";
      }
    }
    return null;
  }

  /**
   * Gives every subcommand the version its help offers ({@code -V}): picocli's standard options
   * on a subcommand print nothing without a provider of its own.
   */
  private static void versionEverywhere(CommandLine command) {
    command.getCommandSpec().versionProvider(new Version());
    command.getSubcommands().values().forEach(Main::versionEverywhere);
  }

  /** The command line with {@code reconcile} alone: the same options, help and errors. */
  @Command(name = "dockcount", mixinStandardHelpOptions = true, versionProvider = Version.class,
      subcommands = ReconcileCommand.class)
  static final class ReconcileOnly {}

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"dockcount " + (v == null ? "(development build)" : v)};
    }
  }
}
