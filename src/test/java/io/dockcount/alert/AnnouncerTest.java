package io.dockcount.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PA/radio relays on Pi4J's mock GPIO: pin sequence and timing, errors included. */
final class AnnouncerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** One pin change as the relay board would see it. */
  record Edge(String pin, DigitalState state, long nanos) {}

  private Context pi4j;
  private final BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
  private Announcer announcer;

  @BeforeEach
  void start() {
    pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
        .add(MockDigitalOutputProvider.newInstance()).build();
  }

  @AfterEach
  void stop() {
    if (announcer != null) {
      announcer.close();
    }
    pi4j.shutdown();
  }

  static final String FAKE_SPEAK = "speak-command = [sh, -c, \"head -c 8000 /dev/zero > $0\", "
      + "\"{wav}\"]";

  private static AlertSettings.Radio radio(String hocon) {
    return AlertTestConfig.settings("radio { enabled = true, provider = mock-digital-output, "
        + "expected-chip-labels = [pinctrl-rp1], min-gap = 10ms, " + hocon + " }").radio();
  }

  private Relays arm(AlertSettings.Radio r) {
    Relays relays = Relays.arm(pi4j, r, () -> "pinctrl-rp1");
    relays.ptt().addListener(e -> edges.add(new Edge("ptt", e.state(), System.nanoTime())));
    if (relays.hasChime()) {
      relays.chime().addListener(e -> edges.add(new Edge("chime", e.state(),
          System.nanoTime())));
    }
    return relays;
  }

  private List<Edge> take(int n) throws InterruptedException {
    List<Edge> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Edge e = edges.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (e == null) {
        throw new AssertionError("only " + out + " within " + WAIT);
      }
      out.add(e);
    }
    return out;
  }

  private static long ms(Edge from, Edge to) {
    return (to.nanos() - from.nanos()) / 1_000_000;
  }

  static Alert alert(String location, int round) {
    return new Alert(Alert.Kind.HIGH_VALUE, "A", "01", "02", "B", location, "00913", -12L,
        new BigDecimal("-449.50"), round, "ALERT " + location);
  }

  @Test
  void speech_keysPtt_waitsLead_playsTheRealWav_waitsTail_releases() throws Exception {
    Assumptions.assumeTrue(new java.io.File("/usr/bin/espeak-ng").canExecute(),
        "espeak-ng is not installed (.ci/run installs it)");
    AlertSettings.Radio r = radio("lead = 200ms, tail = 200ms, max-key = 10s, chime-pin = -1, "
        + "speech { play-command = [test, -s, \"{wav}\"] }");
    Relays relays = arm(r);
    assertFalse(relays.pttKeyed(), "starts released");
    announcer = new Announcer(r, relays, new Speech(r.speech()));

    assertTrue(announcer.announce(alert("A-01-02-B", 0)));
    List<Edge> e = take(2);

    assertEquals(List.of("ptt HIGH", "ptt LOW"), e.stream().map(x -> x.pin() + " " + x.state())
        .toList());
    long keyed = ms(e.get(0), e.get(1));
    assertTrue(keyed >= 400 && keyed < 10_000, "keyed " + keyed + " ms (lead + tail = 400)");
  }

  @Test
  void activeLowBoard_startsHigh_keysLow_andPulsesPttWithoutSpeechOrChime() throws Exception {
    AlertSettings.Radio r = radio("active-low = true, chime-pin = -1, speech.enabled = false, "
        + "pulse = [150ms, 100ms, 150ms]");
    Relays relays = arm(r);
    assertEquals(DigitalState.HIGH, relays.ptt().state(), "released is high on active-low");
    announcer = new Announcer(r, relays, null);

    announcer.announce(alert("A-01-02-B", 0));
    List<Edge> e = take(4);

    assertEquals(List.of(DigitalState.LOW, DigitalState.HIGH, DigitalState.LOW,
        DigitalState.HIGH), e.stream().map(Edge::state).toList());
    assertTrue(ms(e.get(0), e.get(1)) >= 140, "first pulse " + ms(e.get(0), e.get(1)));
    assertTrue(ms(e.get(1), e.get(2)) >= 90, "gap " + ms(e.get(1), e.get(2)));
    assertTrue(ms(e.get(2), e.get(3)) >= 140, "second pulse " + ms(e.get(2), e.get(3)));
  }

  @Test
  void chimePattern_playsInsidePtt_afterTheLeadTime() throws Exception {
    AlertSettings.Radio r = radio("lead = 200ms, tail = 100ms, speech.enabled = false, "
        + "pulse = [100ms, 100ms, 100ms]");
    Relays relays = arm(r);
    announcer = new Announcer(r, relays, null);

    announcer.announce(alert("A-01-02-B", 0));
    List<Edge> e = take(6);

    assertEquals(List.of("ptt HIGH", "chime HIGH", "chime LOW", "chime HIGH", "chime LOW",
        "ptt LOW"), e.stream().map(x -> x.pin() + " " + x.state()).toList());
    assertTrue(ms(e.get(0), e.get(1)) >= 190, "lead " + ms(e.get(0), e.get(1)));
    assertTrue(ms(e.get(4), e.get(5)) >= 90, "tail " + ms(e.get(4), e.get(5)));
  }

  @Test
  void repeat_playsTwiceWhileKeyed_andMinGap_spacesAnnouncements() throws Exception {
    AlertSettings.Radio r = AlertTestConfig.settings("radio { enabled = true, provider = "
        + "mock-digital-output, expected-chip-labels = [], lead = 50ms, tail = 50ms, "
        + "speech.enabled = false, pulse = [50ms], repeat = 2, min-gap = 300ms }").radio();
    Relays relays = arm(r);
    announcer = new Announcer(r, relays, null);

    announcer.announce(alert("A-01-02-B", 0));
    announcer.announce(alert("A-01-03-B", 0));
    List<Edge> e = take(12);

    assertEquals(List.of("ptt HIGH", "chime HIGH", "chime LOW", "chime HIGH", "chime LOW",
        "ptt LOW"), e.subList(0, 6).stream().map(x -> x.pin() + " " + x.state()).toList());
    assertTrue(ms(e.get(5), e.get(6)) >= 290, "gap " + ms(e.get(5), e.get(6)) + " ms");
  }

  @Test
  void playerFailsMidAnnouncement_releasesPtt_andTheNextAnnouncementStillRuns()
      throws Exception {
    AlertSettings.Radio r = radio("lead = 50ms, tail = 50ms, chime-pin = -1, speech { "
        + FAKE_SPEAK + ", play-command = [\"false\"] }");
    Relays relays = arm(r);
    announcer = new Announcer(r, relays, new Speech(r.speech()));

    announcer.announce(alert("A-01-02-B", 0));
    announcer.announce(alert("A-01-03-B", 0));
    List<Edge> e = take(4);

    assertEquals(List.of(DigitalState.HIGH, DigitalState.LOW, DigitalState.HIGH,
        DigitalState.LOW), e.stream().map(Edge::state).toList());
    assertFalse(relays.pttKeyed());
  }

  @Test
  void hungPlayer_isCutByTheMaxKeyWatchdog_notByTheSpeakingThread() throws Exception {
    AlertSettings.Radio r = radio("lead = 50ms, tail = 50ms, max-key = 600ms, chime-pin = -1, "
        + "speech { " + FAKE_SPEAK + ", play-command = [sleep, \"30\"], timeout = 20s }");
    Relays relays = arm(r);
    announcer = new Announcer(r, relays, new Speech(r.speech()));

    announcer.announce(alert("A-01-02-B", 0));
    List<Edge> e = take(2);

    long keyed = ms(e.get(0), e.get(1));
    // Cut near the 600 ms max-key, not by the 20 s timeout nor at once; the edges' times are
    // taken by a listener, which a loaded machine delays by up to a few hundred ms.
    assertTrue(keyed >= 300 && keyed < 2_000, "released after " + keyed + " ms");
    assertFalse(relays.pttKeyed());
  }

  @Test
  void wrongGpioChip_refusesToArm_andCreatesNoOutput() {
    AlertSettings.Radio r = radio("chime-pin = 27");

    Relays relays = Relays.arm(pi4j, r, () -> "gpio-brcmstb@107d508500");

    assertNull(relays);
    assertFalse(pi4j.registry().exists("dockcount-radio-ptt"));
    assertFalse(pi4j.registry().exists("dockcount-radio-chime"));
  }

  @Test
  void sameLocationAndRound_isAnnouncedOnce_andTheTextHasNoMoney() {
    AlertSettings.Radio r = radio("speech.enabled = false, pulse = [10ms]");
    announcer = new Announcer(r, arm(r), null);

    boolean first = announcer.announce(alert("A-01-02-B", 0));
    boolean again = announcer.announce(alert("A-01-02-B", 0));
    boolean recount = announcer.announce(alert("A-01-02-B", 1));

    assertTrue(first);
    assertFalse(again);
    assertTrue(recount);
    String said = announcer.text(alert("A-01-02-B", 0));
    assertEquals("Recount at A, 0 1, 0 2, B, item 0 0 9 1 3", said);
    assertFalse(said.contains("449"));
  }

  /**
   * A recount a supervisor re-sends from the console is said again on the radio, each time
   * they ask: the repeat the announcer drops is the zone's own alert of the same round.
   */
  @Test
  void recountResentBySupervisor_isAnnouncedAgain_eachTimeAsked() throws Exception {
    // No chime: the PTT's key and release are the announcement's two edges.
    AlertSettings.Radio r = radio("chime-pin = -1, speech.enabled = false, pulse = [10ms]");
    announcer = new Announcer(r, arm(r), null);
    String line = "zone A aisle 01 bay 02 level B (A-01-02-B) sku 00913 -12 EA value -449.50: "
        + "count differs";
    Alert zone = recount("ALERT " + line);
    Alert resent = recount("ALERT (re-sent by ana) " + line);

    boolean first = announcer.announce(zone);
    take(2); // keyed and released
    boolean asked = announcer.announce(resent);
    take(2);
    boolean askedAgain = announcer.announce(resent);
    take(2);
    boolean zoneAgain = announcer.announce(zone);

    assertTrue(first);
    assertTrue(asked, "the re-send is said");
    assertTrue(askedAgain, "and said again when asked again");
    assertFalse(zoneAgain, "the zone's own repeat is not");
  }

  /**
   * Two supervisors press re-send for the same recount at once (two consoles): the floor hears
   * it once, not twice in a row; a re-send after it was said is said again.
   */
  @Test
  void recountResentFromTwoConsolesAtOnce_isAnnouncedOnce() throws Exception {
    AlertSettings.Radio r = radio("chime-pin = -1, speech.enabled = false, pulse = [300ms]");
    announcer = new Announcer(r, arm(r), null);
    String line = "zone A aisle 01 bay 02 level B (A-01-02-B) sku 00913 -12 EA value -449.50: "
        + "count differs";
    announcer.announce(recount("ALERT " + line));
    take(2);

    boolean ana = announcer.announce(recount("ALERT (re-sent by ana) " + line));
    boolean bob = announcer.announce(recount("ALERT (re-sent by bob) " + line));
    take(2);
    boolean later = announcer.announce(recount("ALERT (re-sent by bob) " + line));
    take(2);

    assertTrue(ana, "the first re-send is said");
    assertFalse(bob, "the second, while the first is still to be said, is not said again");
    assertTrue(later, "a re-send after it was said is");
    assertNull(edges.poll(400, TimeUnit.MILLISECONDS), "nothing more keyed");
  }

  private static Alert recount(String line) {
    return new Alert(Alert.Kind.RECOUNT, "A", "01", "02", "B", "A-01-02-B", "00913", -12L,
        new BigDecimal("-449.50"), 0, line);
  }

  @Test
  void moneyInTheRadioText_isRefusedAtStart() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> radio("text = \"{location} lost {value}\""));

    assertTrue(e.getMessage().startsWith("dockcount.alerts.radio.text: {value}"),
        e.getMessage());
  }
}
