package io.dockcount.cli;

import io.dockcount.scan.PortInventory;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lists the serial ports an installer can give a station: device, USB ids and serial number,
 * and the stable names that resolve to each. Exit code 0 when ports were found, 1 when none,
 * 2 when a {@code --links} place given is not there.
 */
@Command(name = "scanners", mixinStandardHelpOptions = true,
    description = "List serial ports with USB vendor/product id, serial number and stable path.")
final class ScannersCommand implements Callable<Integer> {
  @Option(names = "--links", paramLabel = "PATH",
      description = "Where to look for stable names (a directory of symlinks, or one symlink);"
          + " repeatable. Default: /dev/serial/by-id and /dev/scanner.")
  List<Path> links;

  @Override
  public Integer call() {
    for (Path p : links == null ? List.<Path>of() : links) {
      // A mistyped place would list every port as having no stable name, which misleads.
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new InputException("--links " + p + ": no such directory or link");
      }
    }
    List<PortInventory.Port> ports = PortInventory.list(
        links == null || links.isEmpty() ? PortInventory.DEFAULT_LINK_PLACES : links);
    System.out.print(PortInventory.format(ports));
    System.out.flush();
    return ports.isEmpty() ? 1 : 0;
  }
}
