package io.dockcount.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package that {@code mvn package -Pdeb} builds (jdeb): its control data and contents,
 * then a real install, upgrade, remove and purge with {@code dpkg --root} into a scratch root.
 *
 * <p>dpkg runs the maintainer scripts on this machine with {@code DPKG_ROOT} set to the scratch
 * root ({@code --force-script-chrootless}); the scripts send every path there, create the user
 * and groups in the scratch root's own passwd and group files with {@code useradd --prefix}, and
 * enable the unit with {@code systemctl --root}. What this does not exercise: the branches for a
 * running systemd (daemon-reload, try-restart, stop) and udev (reload, trigger), which a scratch
 * root never takes, and the Java dependency (installed with {@code --force-depends}).
 */
final class DebPackageTest {
  static final Path DEB = Path.of("target", "dockcount_all.deb");
  /** The sources packed into the .deb besides the jar; the .deb must not be older. */
  private static final List<Path> PACKED = List.of(Path.of("systemd"), Path.of("firmware-config"),
      Path.of("src", "deb"), Path.of("docs", "INSTALL.md"));

  @TempDir Path root;

  @BeforeAll
  static void needsTheBuiltPackage() throws IOException {
    assumeTrue(Files.isRegularFile(DEB), DEB + " is not built: run `mvn -B package -Pdeb"
        + " -DskipTests` first (.ci/run does)");
    assumeTrue(Proc.available("dpkg-deb"), "dpkg-deb is not installed");
    FileTime built = Files.getLastModifiedTime(DEB);
    for (Path source : PACKED) {
      try (Stream<Path> files = Files.walk(source)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          assertTrue(Files.getLastModifiedTime(f).compareTo(built) <= 0, DEB + " is older than "
              + f + ": rebuild it with `mvn -B package -Pdeb -DskipTests`");
        }
      }
    }
  }

  private static String info(String... what) {
    List<String> cmd = new ArrayList<>(List.of("dpkg-deb", "-I", DEB.toString()));
    cmd.addAll(List.of(what));
    Proc.Result r = Proc.run(cmd);
    assertEquals(0, r.exitCode(), r.output());
    return r.output();
  }

  @Test
  void control_declaresJavaConffilesAndScripts() {
    String control = info("control");
    String conffiles = info("conffiles");

    assertTrue(control.contains("Package: dockcount\n"), control);
    // Each build its own version, so that an update installs over an earlier build.
    assertTrue(control.matches("(?s).*\nVersion: \\S+~SNAPSHOT\\+\\d{14}\n.*"), control);
    assertTrue(control.contains("Architecture: all\n"), control);
    assertTrue(control.contains("Depends: default-jre-headless (>= 2:1.17) | "
        + "openjdk-17-jre-headless | java17-runtime-headless, passwd\n"), control);
    assertTrue(control.contains("Recommends: espeak-ng, alsa-utils\n"), control);
    assertEquals("/etc/dockcount/dockcount.conf\n/etc/dockcount/logback.xml\n", conffiles);
    for (String script : List.of("postinst", "prerm", "postrm")) {
      assertTrue(info(script).startsWith("#!/bin/sh\n"), script);
    }
  }

  @Test
  void contents_haveEveryFileWithItsModeAndNoSecrets() {
    Proc.Result r = Proc.run(List.of("dpkg-deb", "--contents", DEB.toString()));
    assertEquals(0, r.exitCode(), r.output());
    List<String> entries = r.output().lines()
        .map(l -> l.split("\\s+")[0] + " " + l.split("\\s+")[1] + " "
            + l.split("\\s+")[5].substring(1))
        .toList();

    for (String expected : List.of(
        "-rw-r--r-- root/root /usr/share/dockcount/dockcount.jar",
        "-rwxr-xr-x root/root /usr/bin/dockcount",
        "-rw-r--r-- root/root /lib/systemd/system/dockcount.service",
        "-rw-r--r-- root/root /lib/udev/rules.d/99-dockcount-scanners.rules",
        "-rw-r--r-- root/root /lib/udev/rules.d/99-dockcount-gpio.rules",
        "-rw-r--r-- root/root /etc/dockcount/dockcount.conf",
        "-rw-r--r-- root/root /etc/dockcount/logback.xml",
        "-rw-r--r-- root/root /usr/share/doc/dockcount/INSTALL.md",
        "-rw-r--r-- root/root /usr/share/doc/dockcount/count-sheet.html",
        "-rw-r--r-- root/root /usr/share/doc/dockcount/reference.conf",
        "-rw-r--r-- root/root /usr/share/doc/dockcount/firmware-config/config.txt")) {
      assertTrue(entries.contains(expected), "missing " + expected + " in\n" + r.output());
    }
    assertTrue(entries.stream().noneMatch(e -> e.endsWith("/secrets.env")),
        "secrets.env is created by postinst, never shipped");
  }

  // ---- install into a scratch root -------------------------------------------------------

  /** A root with dpkg's database and the groups a Debian base system has (no gpio, no user). */
  private void seedRoot() throws IOException {
    Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("var/lib/dpkg/status"), "");
    Files.writeString(root.resolve("var/lib/dpkg/available"), "");
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Files.writeString(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
    Files.writeString(root.resolve("etc/group"), "root:x:0:\ndialout:x:20:\naudio:x:29:\n");
    Files.writeString(root.resolve("etc/gshadow"), "root:*::\ndialout:*::\naudio:*::\n");
  }

  private Proc.Result dpkg(String... args) {
    List<String> cmd = new ArrayList<>(List.of("dpkg", "--root=" + root,
        "--force-script-chrootless", "--force-depends"));
    cmd.addAll(List.of(args));
    return Proc.run(cmd);
  }

  private Path at(String path) {
    return root.resolve(path.substring(1));
  }

  private String line(String file, String name) throws IOException {
    return Files.readAllLines(at(file)).stream().filter(l -> l.startsWith(name + ":"))
        .findFirst().orElse("");
  }

  private int id(String file, String name) throws IOException {
    return Integer.parseInt(line(file, name).split(":")[2]);
  }

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode") & 07777;
  }

  private static int uid(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:uid");
  }

  private static int gid(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:gid");
  }

  @Test
  void install_upgrade_remove_purge_inAScratchRoot() throws IOException {
    assumeTrue(Proc.isRoot(), "installing with dpkg --root and useradd --prefix needs root");
    assumeTrue(Proc.available("dpkg") && Proc.available("useradd")
        && Proc.available("systemctl"), "dpkg, useradd (passwd) and systemctl are needed");
    seedRoot();

    // given a fresh install
    Proc.Result install = dpkg("-i", DEB.toString());

    // then the user, its groups, directories, secrets file and the enabled unit exist
    assertEquals(0, install.exitCode(), install.output());
    String user = line("/etc/passwd", "dockcount");
    assertTrue(user.endsWith(":dockcount service:/var/lib/dockcount:/usr/sbin/nologin"), user);
    int uid = id("/etc/passwd", "dockcount");
    int gid = id("/etc/group", "dockcount");
    assertTrue(uid < 1000, "a system uid: " + uid);
    for (String group : List.of("dialout", "gpio", "audio")) {
      assertTrue(line("/etc/group", group).endsWith(":dockcount"), line("/etc/group", group));
    }
    for (String dir : List.of("/var/lib/dockcount", "/var/lib/dockcount/inbox",
        "/var/lib/dockcount/wms-inbox", "/var/lib/dockcount/backup", "/var/lib/dockcount/tmp",
        "/var/log/dockcount")) {
      assertEquals(List.of(uid, gid, 0750), List.of(uid(at(dir)), gid(at(dir)), mode(at(dir))),
          dir);
    }
    Path secrets = at("/etc/dockcount/secrets.env");
    assertEquals(List.of(0, gid, 0640, 0L),
        List.of(uid(secrets), gid(secrets), mode(secrets), Files.size(secrets)));
    Path wants = at("/etc/systemd/system/multi-user.target.wants/dockcount.service");
    assertEquals(Path.of("/lib/systemd/system/dockcount.service"), Files.readSymbolicLink(wants));
    Proc.Result check = Proc.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-jar", at("/usr/share/dockcount/dockcount.jar").toString(), "check-config",
        "--no-inputs", at("/etc/dockcount/dockcount.conf").toString()));
    assertEquals(0, check.exitCode(), "the installed jar accepts the installed config:\n"
        + check.output());

    // when the site edits its config and secrets, then the package is installed again
    Path conf = at("/etc/dockcount/dockcount.conf");
    String edited = Files.readString(conf) + "dockcount.cycle.interval = 5m\n";
    Files.writeString(conf, edited);
    Files.writeString(secrets, "DOCKCOUNT_WMS_PASSWORD=s3cret\n");
    Proc.Result upgrade = dpkg("-i", DEB.toString());

    // then nothing the site wrote is lost and the user is not created twice
    assertEquals(0, upgrade.exitCode(), upgrade.output());
    assertEquals(edited, Files.readString(conf));
    assertEquals("DOCKCOUNT_WMS_PASSWORD=s3cret\n", Files.readString(secrets));
    assertEquals(1, Files.readAllLines(at("/etc/passwd")).stream()
        .filter(l -> l.startsWith("dockcount:")).count());

    // when removed: disabled, but data and config stay
    Files.writeString(at("/var/lib/dockcount/dockcount.mv.db"), "counts");
    Proc.Result remove = dpkg("--remove", "dockcount");
    assertEquals(0, remove.exitCode(), remove.output());
    assertFalse(Files.exists(wants, LinkOption.NOFOLLOW_LINKS), "still enabled");
    assertFalse(Files.exists(at("/usr/share/dockcount/dockcount.jar")));
    assertTrue(Files.exists(at("/var/lib/dockcount/dockcount.mv.db")), "data kept on remove");
    assertEquals(edited, Files.readString(conf));

    // when purged: data, logs, config and secrets go; the system user stays
    Proc.Result purge = dpkg("--purge", "dockcount");
    assertEquals(0, purge.exitCode(), purge.output());
    for (String gone : List.of("/var/lib/dockcount", "/var/log/dockcount", "/etc/dockcount")) {
      assertFalse(Files.exists(at(gone)), gone + " left after purge");
    }
    assertEquals(uid, id("/etc/passwd", "dockcount"));
    assertTrue(Proc.run(List.of("dpkg", "--root=" + root, "-s", "dockcount")).exitCode() != 0,
        "dpkg still knows the package");
  }

  @Test
  void install_overAHandMadeUser_addsTheMissingGroupsOnce() throws IOException {
    assumeTrue(Proc.isRoot(), "installing with dpkg --root and useradd --prefix needs root");
    assumeTrue(Proc.available("dpkg") && Proc.available("useradd")
        && Proc.available("systemctl"), "dpkg, useradd (passwd) and systemctl are needed");
    seedRoot();
    // given a dockcount user someone made by hand, in dialout only, and no gpio group
    Files.writeString(at("/etc/passwd"), "dockcount:x:990:990::/var/lib/dockcount:/bin/false\n",
        StandardOpenOption.APPEND);
    Files.writeString(at("/etc/shadow"), "dockcount:!:19000::::::\n",
        StandardOpenOption.APPEND);
    Files.writeString(at("/etc/group"), "root:x:0:\ndialout:x:20:dockcount\naudio:x:29:\n"
        + "dockcount:x:990:\n");
    Files.writeString(at("/etc/gshadow"), "root:*::\ndialout:*::dockcount\naudio:*::\n"
        + "dockcount:!::\n");

    Proc.Result install = dpkg("-i", DEB.toString());

    assertEquals(0, install.exitCode(), install.output());
    assertEquals("dockcount:x:990:990::/var/lib/dockcount:/bin/false",
        line("/etc/passwd", "dockcount"), "an existing user is kept as it is");
    assertEquals("dialout:x:20:dockcount", line("/etc/group", "dialout"));
    assertTrue(line("/etc/group", "gpio").endsWith(":dockcount"), line("/etc/group", "gpio"));
    assertEquals("audio:x:29:dockcount", line("/etc/group", "audio"));
    assertEquals(990, uid(at("/var/lib/dockcount")));
  }

  @Test
  void wrapper_passesJavaOptsAndEveryArgumentToTheInstalledJar() throws IOException {
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    assertTrue(java.toFile().setExecutable(true));

    Proc.Result r = Proc.run(List.of("sh", Path.of("src", "deb", "bin", "dockcount").toString(),
        "check-config", "/etc/dock count.conf"), Map.of("PATH", bin + ":/usr/bin:/bin",
        "JAVA_OPTS", "-Xmx1g -Dx=y"));

    assertEquals(0, r.exitCode(), r.output());
    assertEquals(List.of("-Xmx1g", "-Dx=y", "-jar", "/usr/share/dockcount/dockcount.jar",
        "check-config", "/etc/dock count.conf"), r.output().lines().toList());
  }
}
