package io.dockcount.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why the unit points {@code java.io.tmpdir} and {@code user.home} at its state directory:
 * jSerialComm unpacks its native library there, and from a directory mounted {@code noexec} (as
 * /tmp can be under a hardened unit) it fails with an error that blames the CPU architecture.
 * The noexec mount is a tmpfs in a mount namespace of the test's own ({@code unshare --mount}).
 */
final class NativeTmpdirTest {
  @TempDir Path dir;

  private static List<String> probe(Path home, Path tmp, String... wrapper) {
    List<String> cmd = new ArrayList<>(List.of(wrapper));
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + home,
        "-cp", System.getProperty("java.class.path"), NativeProbe.class.getName()));
    return cmd;
  }

  @Test
  void serialLibrary_loadsFromTheUnitsTmpdir() throws IOException {
    Path state = Files.createDirectories(dir.resolve("state"));
    Path tmp = Files.createDirectories(state.resolve("tmp"));

    Proc.Result r = Proc.run(probe(state, tmp));

    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("ports: "), r.output());
    try (Stream<Path> files = Files.walk(tmp)) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".so")),
          "the library was unpacked under java.io.tmpdir");
    }
  }

  @Test
  void serialLibrary_failsMisleadinglyFromANoexecTmpdir() throws IOException {
    assumeTrue(Proc.available("unshare")
        && Proc.run(List.of("unshare", "--mount", "true")).exitCode() == 0,
        "no mount namespaces here (needs root or user namespaces)");
    Path noexec = Files.createDirectories(dir.resolve("noexec"));

    // sh mounts the tmpfs over the dir ($0), then runs the probe JVM (the remaining arguments).
    Proc.Result r = Proc.run(probe(noexec, noexec, "unshare", "--mount", "sh", "-c",
        "mount -t tmpfs -o noexec,size=16m none \"$0\" && exec \"$@\"", noexec.toString()));

    assertTrue(r.exitCode() != 0, r.output());
    assertTrue(r.output().contains("UnsatisfiedLinkError"), r.output());
  }
}
