package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LocationSpellingsTest {
  private static final LocationSpellings BOOK = new LocationSpellings(
      List.of("A-03-01-A", "A-03-10-A", "RM01", "B-7-12-C"));

  @Test
  void labelOnTheBookAsScanned_isNoOtherSpelling() {
    assertNull(BOOK.bookedAs("A-03-01-A"));
    assertNull(BOOK.bookedAs("B-7-12-C"));
  }

  @Test
  void labelKeyedAnotherWay_namesTheBookedLocation() {
    assertEquals("A-03-01-A", BOOK.bookedAs("A-3-1-A"), "leading zeros");
    assertEquals("A-03-01-A", BOOK.bookedAs("a-03-01-a"), "letter case");
    assertEquals("A-03-01-A", BOOK.bookedAs(" A-03-01-A"), "a space");
    assertEquals("RM01", BOOK.bookedAs("rm1"));
    assertEquals("B-7-12-C", BOOK.bookedAs("B-07-12-C"));
  }

  @Test
  void labelSpelledLikeNoBookedLocation_isNone() {
    assertNull(BOOK.bookedAs("A-03-11-A"));
    assertNull(BOOK.bookedAs("A-3-1-B"));
    assertNull(BOOK.bookedAs("A-30-1-A"), "10 is not 1: only leading zeros go");
    assertNull(LocationSpellings.NONE.bookedAs("A-3-1-A"));
  }

  @Test
  void twoBookedSpellingsOfOneLocation_eachTakenAsScanned_anotherNamesTheFirst() {
    LocationSpellings both = new LocationSpellings(List.of("A-03-01-A", "A-3-1-A"));

    assertNull(both.bookedAs("A-3-1-A"));
    assertNull(both.bookedAs("A-03-01-A"));
    assertEquals("A-03-01-A", both.bookedAs("A-003-001-A"), "the first in book order");
  }

  @Test
  void manyLocations_everyOtherSpellingFound_notAListThatIsSlowToIndex() {
    List<String> locations = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      locations.add(String.format("A-%03d-%02d-B", i / 100, i % 100));
    }
    LocationSpellings many = new LocationSpellings(new LinkedList<>(locations));

    for (int i = 0; i < 20_000; i += 997) {
      String booked = locations.get(i);
      assertNull(many.bookedAs(booked));
      assertEquals(booked, many.bookedAs(String.format("a-%d-%d-b", i / 100, i % 100)));
    }
  }
}
