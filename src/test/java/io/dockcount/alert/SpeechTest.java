package io.dockcount.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** espeak-ng renders the radio text to a WAV file that is checked for real audio. */
final class SpeechTest {
  @TempDir
  Path dir;

  @BeforeAll
  static void needsEspeak() {
    Assumptions.assumeTrue(new java.io.File("/usr/bin/espeak-ng").canExecute(),
        "espeak-ng is not installed (.ci/run installs it)");
  }

  /** Duration in seconds from the RIFF header's format and data chunks. */
  static double seconds(Path wav) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] tag = new byte[4];
    b.get(tag);
    assertEquals("RIFF", new String(tag, java.nio.charset.StandardCharsets.US_ASCII));
    b.getInt();
    b.get(tag);
    assertEquals("WAVE", new String(tag, java.nio.charset.StandardCharsets.US_ASCII));
    int byteRate = 0;
    while (b.remaining() >= 8) {
      b.get(tag);
      String id = new String(tag, java.nio.charset.StandardCharsets.US_ASCII);
      int size = b.getInt();
      if (id.equals("fmt ")) {
        int at = b.position();
        assertEquals(1, b.getShort(), "PCM");
        b.getShort(); // channels
        b.getInt(); // sample rate
        byteRate = b.getInt();
        b.position(at + size);
      } else if (id.equals("data")) {
        assertTrue(byteRate > 0, "fmt chunk before data");
        int data = Math.min(size, b.remaining());
        assertTrue(data > 0, "no samples");
        return (double) data / byteRate;
      } else {
        b.position(b.position() + size);
      }
    }
    throw new AssertionError("no data chunk in " + wav);
  }

  @Test
  void radioText_becomesAWavOfPlausibleLength() throws Exception {
    AlertSettings s = AlertTestConfig.settings("");
    Speech speech = new Speech(s.radio().speech());
    Path wav = dir.resolve("said.wav");

    speech.render("Recount at A, 0 1, 0 2, B, item 0 0 9 1 3", wav);

    double sec = seconds(wav);
    // Fourteen words at 150 words a minute is about 5.6 s, plus the pauses at the commas.
    assertTrue(sec > 3 && sec < 20, sec + " s");
  }

  @Test
  void longerText_givesLongerAudio() throws Exception {
    Speech speech = new Speech(AlertTestConfig.settings("").radio().speech());
    Path shortWav = dir.resolve("short.wav");
    Path longWav = dir.resolve("long.wav");

    speech.render("Recount", shortWav);
    speech.render("Recount at zone A aisle 01 bay 02 level B, item 00913, then zone C", longWav);

    assertTrue(seconds(longWav) > 3 * seconds(shortWav),
        seconds(longWav) + " vs " + seconds(shortWav));
  }

  @Test
  void speakCommandThatFailsOrWritesNothing_isAnError() {
    Speech failing = new Speech(AlertTestConfig.settings(
        "radio.speech.speak-command = [\"false\"]").radio().speech());
    Speech silent = new Speech(AlertTestConfig.settings(
        "radio.speech.speak-command = [espeak-ng, --stdout, \"{text}\"]").radio().speech());

    IOException failed = assertThrows(IOException.class,
        () -> failing.render("x", dir.resolve("x.wav")));
    IOException nothing = assertThrows(IOException.class,
        () -> silent.render("", dir.resolve("y.wav")));

    assertEquals("speak command false exited with 1", failed.getMessage());
    assertTrue(nothing.getMessage().startsWith("speak command wrote no audio"),
        nothing.getMessage());
  }
}
