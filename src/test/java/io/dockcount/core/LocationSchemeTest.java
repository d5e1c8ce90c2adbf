package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class LocationSchemeTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "C-07-12-B|C|07|12|B", "RM1-RACK1-SHELF1|RM1|RACK1|SHELF1|''", "A-01|A|01|''|''",
      "COLD ROOM|COLD ROOM|''|''|''", "007|007|''|''|''", "A - 01|A|01|''|''",
      "COLD ROOM - 2|COLD ROOM|2|''|''"})
  void dashed_upToFourParts_zoneFirst(String code, String zone, String aisle, String bay,
      String level) {
    LocationScheme.Parts parts = LocationScheme.dashed().parse(code);

    assertEquals(new LocationScheme.Parts(zone, aisle, bay, level), parts);
  }

  @ParameterizedTest
  @ValueSource(strings = {"A-1-2-3-4", "A--1", "-A", "A-", " ", "A - -1"})
  void dashed_moreThanFourOrEmptyParts_unparsed(String code) {
    LocationScheme.Parts parts = LocationScheme.dashed().parse(code);

    assertNull(parts, code);
  }

  @Test
  void of_namedGroups_readsEachPart() {
    LocationScheme scheme = LocationScheme.of(
        "(?<zone>[A-Z])(?<aisle>\\d{2})(?<bay>\\d{3})(?<level>[A-F])");

    LocationScheme.Parts parts = scheme.parse("C07012B");

    assertEquals(new LocationScheme.Parts("C", "07", "012", "B"), parts);
  }

  @Test
  void of_patternWithoutOptionalGroups_leavesThemEmpty() {
    LocationScheme scheme = LocationScheme.of("(?<zone>MW)-(?<aisle>\\d+)-.*");

    LocationScheme.Parts parts = scheme.parse("MW-1-2-3");

    assertEquals(new LocationScheme.Parts("MW", "1", "", ""), parts);
  }

  @Test
  void of_codeNotMatchingWholePattern_unparsed() {
    LocationScheme scheme = LocationScheme.of("(?<zone>[A-Z])(?<aisle>\\d{2})");

    LocationScheme.Parts parts = scheme.parse("C07X");

    assertNull(parts);
  }

  @Test
  void of_noZoneGroup_refused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LocationScheme.of("(?<aisle>\\d+)"));

    assertTrue(e.getMessage().contains("zone"), e.getMessage());
  }

  @Test
  void of_groupNamedNoPart_refusedWithItsName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LocationScheme.of("(?<zone>[A-Z])-(?<row>\\d+)-(?<bay>\\d+)"));

    assertTrue(e.getMessage().contains("group 'row', which is none of zone, aisle, bay, level"),
        e.getMessage());
  }

  @Test
  void of_partNameInCapitals_refusedSayingLowerCase() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LocationScheme.of("(?<zone>[A-Z])(?<Aisle>\\d{2})"));

    assertTrue(e.getMessage().contains("lower case: (?<aisle>...)"), e.getMessage());
  }

  @Test
  void of_invalidRegex_refused() {
    assertThrows(IllegalArgumentException.class, () -> LocationScheme.of("(?<zone>[A-Z"));
  }

  @Test
  void parseLocations_plainAndOtherCodes_sameAsTheScheme() {
    String[] codes = {"C-07-12-B", "RM1-RACK1-SHELF1", "A-01", "COLD ROOM", "007", "A-1-2-3-4",
        "A--1", "-A", "A-", " ", "", " B-01 ", "Kühl-01", "Z\t-1", "C-08", "a,b-\"q\""};
    Symbols locations = new Symbols();
    for (String c : codes) {
      locations.intern(c);
    }
    LocationScheme scheme = LocationScheme.dashed();

    LocationScheme.Parts[] parts = ReconResult.parseLocations(locations, scheme);

    for (int id = 0; id < locations.size(); id++) {
      assertEquals(scheme.parse(locations.get(id)), parts[id], locations.get(id));
    }
    // Names repeat across locations: one String each.
    assertSame(parts[locations.find("C-07-12-B")].zone(), parts[locations.find("C-08")].zone());
  }
}
