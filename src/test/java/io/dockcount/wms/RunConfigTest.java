package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockcount.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RunConfigTest {
  @TempDir Path dir;

  @Test
  void run_badWmsSetting_exits2BeforeOpeningAnything() throws Exception {
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, "dockcount.store.path = \"" + dir.resolve("db/dockcount")
        + "\"\ndockcount.wms.export.mode = sql\n");

    int code = Main.run("run", "--config", conf.toString());

    assertEquals(2, code);
    assertEquals(false, Files.exists(dir.resolve("db")));
  }

  @Test
  void run_misspeltKey_exits2BeforeOpeningAnything() throws Exception {
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, "dockcount.store.path = \"" + dir.resolve("db/dockcount")
        + "\"\ndockcount.console.prot = 18080\n");

    int code = Main.run("run", "--config", conf.toString());

    assertEquals(2, code, "a console on the default port instead of the one meant is no start");
    assertEquals(false, Files.exists(dir.resolve("db")));
  }
}
