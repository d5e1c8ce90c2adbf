package io.dockcount.alert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Text to speech as external processes: the speak command (espeak-ng) writes a WAV file, the
 * play command (aplay) plays it on the configured device. Each runs with a timeout and is
 * killed when it overruns. Placeholders in the commands: {@code {text} {wav} {voice} {wpm}
 * {device}}.
 */
public final class Speech {
  private final AlertSettings.Speech settings;

  public Speech(AlertSettings.Speech settings) {
    this.settings = settings;
  }

  /** Writes {@code text} as speech to {@code wav}; throws when the command fails or overruns. */
  public void render(String text, Path wav) throws IOException, InterruptedException {
    run("speak", settings.speakCommand(), text, wav);
    if (!Files.isRegularFile(wav) || Files.size(wav) <= 44) {
      throw new IOException("speak command wrote no audio to " + wav);
    }
  }

  /** Plays {@code wav}; throws when the command fails or overruns. */
  public void play(Path wav) throws IOException, InterruptedException {
    run("play", settings.playCommand(), "", wav);
  }

  private void run(String what, List<String> template, String text, Path wav)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    for (String part : template) {
      cmd.add(part.replace("{text}", text).replace("{wav}", wav.toString())
          .replace("{voice}", settings.voice())
          .replace("{wpm}", Integer.toString(settings.wordsPerMinute()))
          .replace("{device}", settings.device()));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    boolean done;
    try {
      done = p.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      throw e;
    }
    if (!done) {
      p.destroy();
      if (!p.waitFor(1, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      throw new IOException(what + " command " + cmd.get(0) + " overran "
          + settings.timeout() + " and was stopped");
    }
    if (p.exitValue() != 0) {
      throw new IOException(what + " command " + cmd.get(0) + " exited with " + p.exitValue());
    }
  }
}
