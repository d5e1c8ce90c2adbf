package io.dockcount.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The udev rules the package installs. {@code udevadm verify} only exists from systemd 254 on
 * (Debian 12 has 252), so the rules are also parsed here the way udev reads them: every line a
 * comma-separated list of {@code KEY op "value"}, keys udev knows, match operators only on match
 * keys and assignments only on assignable ones, and every GOTO landing on a LABEL further down.
 */
final class UdevRulesTest {
  static final Path SCANNERS = Path.of("firmware-config", "99-dockcount-scanners.rules");
  static final Path GPIO = Path.of("firmware-config", "99-dockcount-gpio.rules");

  private static final Pattern PAIR = Pattern.compile(
      "\\s*([A-Z_]+)(?:\\{([^}]+)\\})?\\s*(==|!=|\\+=|-=|:=|=)\\s*\"([^\"]*)\"\\s*(,|$)");
  private static final Set<String> MATCH_ONLY = Set.of("ACTION", "DEVPATH", "KERNEL", "KERNELS",
      "SUBSYSTEM", "SUBSYSTEMS", "DRIVER", "DRIVERS", "ATTRS", "TAGS", "TEST", "PROGRAM",
      "RESULT", "CONST");
  private static final Set<String> ASSIGN_ONLY = Set.of("OWNER", "GROUP", "MODE", "RUN", "LABEL",
      "GOTO", "IMPORT", "OPTIONS", "SECLABEL");
  private static final Set<String> EITHER = Set.of("ENV", "TAG", "SYMLINK", "NAME", "ATTR",
      "SYSCTL");

  /** One key-operator-value of a rule. */
  record Pair(String key, String attr, String op, String value) {}

  /** Parses a rules file into rules (lines), failing with the line number on bad syntax. */
  static List<List<Pair>> parse(Path file) throws IOException {
    List<List<Pair>> rules = new ArrayList<>();
    String pending = "";
    int lineNo = 0;
    for (String raw : Files.readAllLines(file)) {
      lineNo++;
      String line = pending + raw;
      if (line.endsWith("\\")) {
        pending = line.substring(0, line.length() - 1);
        continue;
      }
      pending = "";
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      rules.add(parseRule(file, lineNo, t));
    }
    return rules;
  }

  private static List<Pair> parseRule(Path file, int lineNo, String line) {
    List<Pair> pairs = new ArrayList<>();
    Matcher m = PAIR.matcher(line);
    int at = 0;
    while (at < line.length()) {
      if (!m.find(at) || m.start() != at) {
        fail(file + ":" + lineNo + ": not KEY op \"value\" at column " + (at + 1) + ": " + line);
      }
      Pair p = new Pair(m.group(1), m.group(2), m.group(3), m.group(4));
      boolean match = p.op().equals("==") || p.op().equals("!=");
      boolean known = match ? MATCH_ONLY.contains(p.key()) || EITHER.contains(p.key())
          : ASSIGN_ONLY.contains(p.key()) || EITHER.contains(p.key());
      assertTrue(known, file + ":" + lineNo + ": " + p.key() + " " + p.op() + " is not a udev "
          + (match ? "match" : "assignment"));
      pairs.add(p);
      at = m.end();
      if (m.group(5).isEmpty()) {
        break;
      }
    }
    assertTrue(at >= line.length(), file + ":" + lineNo + ": trailing text: " + line);
    return pairs;
  }

  @Test
  void bothFiles_parseAndEveryGotoHasALabelBelowIt() throws IOException {
    for (Path file : List.of(SCANNERS, GPIO)) {
      List<List<Pair>> rules = parse(file);
      Set<String> labelsBelow = new HashSet<>();
      for (int i = rules.size() - 1; i >= 0; i--) {
        for (Pair p : rules.get(i)) {
          if (p.key().equals("LABEL")) {
            labelsBelow.add(p.value());
          } else if (p.key().equals("GOTO")) {
            assertTrue(labelsBelow.contains(p.value()), file + ": GOTO " + p.value()
                + " has no LABEL after it");
          }
        }
      }
      assertTrue(!rules.isEmpty(), file + " has no rules");
    }
  }

  @Test
  void scanners_getDialoutGroupMode0660AndAScannerSymlink() throws IOException {
    List<List<Pair>> rules = parse(SCANNERS);
    Map<String, String> makers = new LinkedHashMap<>();
    List<String> symlinks = new ArrayList<>();
    List<String> permissions = new ArrayList<>();

    for (List<Pair> rule : rules) {
      for (Pair p : rule) {
        if (p.key().equals("ENV") && "DOCKCOUNT_SCANNER".equals(p.attr()) && p.op().equals("=")) {
          makers.put(rule.get(0).value(), p.value());
        } else if (p.key().equals("SYMLINK")) {
          symlinks.add(p.value());
        } else if (p.key().equals("GROUP") || p.key().equals("MODE")) {
          permissions.add(p.key() + "=" + p.value());
        }
      }
    }

    assertEquals(List.of("GROUP=dialout", "MODE=0660"), permissions);
    assertTrue(makers.keySet().stream().allMatch(id -> id.matches("[0-9a-f]{4}")), "ids: "
        + makers.keySet());
    assertTrue(makers.keySet().containsAll(List.of("0c2e", "05e0", "05f9", "1eab", "2dd6")),
        "the common makers: " + makers);
    assertEquals(2, symlinks.size());
    assertTrue(symlinks.stream().allMatch(s -> s.startsWith("scanner/$env{DOCKCOUNT_SCANNER}-"
        + "$env{ID_MODEL_ID}-")), "symlinks: " + symlinks);
  }

  @Test
  void gpioChips_goToTheGpioGroup() throws IOException {
    List<Pair> rule = parse(GPIO).get(0);

    assertTrue(rule.contains(new Pair("SUBSYSTEM", null, "==", "gpio")), rule.toString());
    assertTrue(rule.contains(new Pair("GROUP", null, "=", "gpio")), rule.toString());
    assertTrue(rule.contains(new Pair("MODE", null, "=", "0660")), rule.toString());
  }

  @Test
  void parser_rejectsWhatUdevRejects() throws IOException {
    Path bad = Files.createTempFile("dockcount-bad", ".rules");
    try {
      for (String line : List.of("SUBSYSTEM==tty, GROUP=\"dialout\"",
          "SUBSYSTEM==\"tty\" GROUP=\"dialout\"", "GROUP==\"dialout\"", "FOO=\"bar\"")) {
        Files.writeString(bad, line + "\n");
        assertThrows(AssertionError.class, () -> parse(bad), "the parser accepted: " + line);
      }
    } finally {
      Files.deleteIfExists(bad);
    }
  }

  @Test
  void udevadmVerify_acceptsBothFiles_whereItExists() {
    boolean hasVerify = Proc.available("udevadm")
        && Proc.run(List.of("udevadm", "verify", "--help")).exitCode() == 0;
    assumeTrue(hasVerify,
        "udevadm verify needs systemd 254 or later; the rules were parsed by this test instead");

    Proc.Result r = Proc.run(List.of("udevadm", "verify", SCANNERS.toString(), GPIO.toString()));

    assertEquals(0, r.exitCode(), r.output());
  }
}
