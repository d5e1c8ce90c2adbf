package io.dockcount.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockcount.core.CountRound;
import io.dockcount.core.Money;
import java.io.PrintWriter;
import java.math.BigDecimal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Zone actions on the running service, through the console API. */
@Command(name = "zone", mixinStandardHelpOptions = true,
    description = "Act on a zone of the running service (console API).",
    subcommands = {ZoneCommand.Close.class, ZoneCommand.Confirm.class},
    exitCodeListHeading = "Exit codes (each subcommand):%n",
    exitCodeList = {ConsoleClient.EXIT_DONE, ConsoleClient.EXIT_REFUSED,
        ConsoleClient.EXIT_WRONG})
final class ZoneCommand {

  /**
   * Closes a zone: the locations being counted that no station has open close (a recount under
   * way, and a location a station has open, stay open and are listed) and it reconciles at
   * once; book lines nobody counted come out missing. Exits as {@link ConsoleClient#refused}
   * says: 1 for a refusal as things stand, 2 for an unknown zone.
   */
  @Command(name = "close", mixinStandardHelpOptions = true,
      description = "Close a zone: counted locations close, uncounted book lines are missing.",
      exitCodeListHeading = "Exit codes:%n",
      exitCodeList = {ConsoleClient.EXIT_DONE, ConsoleClient.EXIT_REFUSED,
          ConsoleClient.EXIT_WRONG})
  static final class Close extends ConsoleCall {
    @Parameters(paramLabel = "ZONE", description = "The zone, as in the location codes.")
    String zone;

    @Override
    public Integer call() {
      PrintWriter out = out();
      return ConsoleClient.exchange(
          () -> client.post("/api/zones/" + ConsoleClient.segment(zone) + "/close"), err(), b -> {
            out.printf("zone %s closed: %d location(s) closed, %d refused, %d still counting; "
                + "run %s: %s lines, %s missing, net variance %s%n", b.path("zone").asText(),
                b.path("closed").size(), b.path("refused").size(),
                b.path("stillCounting").size(), b.path("run").asText(),
                b.path("lines").asText(), b.path("missing").asText(),
                netVariance(b));
            b.path("stillCounting").forEach(s -> out.printf("  still counting: %s: %s%n",
                s.path("location").asText(), s.path("why").asText()));
            out.flush();
          });
    }
  }

  /** A close's net variance, unknown (JSON null) when its run valued none of its variances. */
  static String netVariance(JsonNode run) {
    JsonNode net = run.path("netValue");
    return Money.total(net.isTextual() ? new BigDecimal(net.asText()) : null,
        run.path("linesWithoutValue").asInt());
  }

  /**
   * Inventory control confirms resolved locations: their variances become the adjustments the
   * WMS export sends. Each location is tried; the exit code is the highest of theirs, as
   * {@link ConsoleClient#refused} gives them: 1 for one refused as things stand (not resolved,
   * HTTP 409), 2 for one the request gets wrong (HTTP 404, 400, 401). A location confirmed
   * already is done (0), and says so: a script that retries a confirm gets there.
   */
  @Command(name = "confirm", mixinStandardHelpOptions = true,
      description = "Confirm resolved locations: their adjustments go to the WMS export.",
      exitCodeListHeading = "Exit codes (the highest of the locations'):%n",
      exitCodeList = {ConsoleClient.EXIT_DONE, ConsoleClient.EXIT_REFUSED,
          ConsoleClient.EXIT_WRONG})
  static final class Confirm extends ConsoleCall {
    @Parameters(paramLabel = "LOCATION", arity = "1..*", description = "Location codes.")
    java.util.List<String> locations;

    @Override
    public Integer call() {
      PrintWriter out = out();
      int worst = 0;
      for (String location : locations) {
        int code = ConsoleClient.exchange(() -> client.post("/api/locations/"
            + ConsoleClient.segment(location) + "/confirm"), err(), b -> {
              // The round as a supervisor says it: the first count, recount 1, ...
              JsonNode round = b.path("round");
              out.printf("%s %s%s%s%n", b.path("location").asText(),
                  b.path("state").asText().toLowerCase(java.util.Locale.ROOT),
                  round.canConvertToInt() && round.asInt() >= 0
                      ? " (" + CountRound.label(round.asInt()) + ")" : "",
                  b.path("already").asBoolean() ? ": " + b.path("note").asText() : "");
              out.flush();
            });
        worst = Math.max(worst, code);
      }
      return worst;
    }
  }
}
