package io.dockcount.console;

import io.dockcount.wms.WmsSync;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The state of the WMS link, for the overview: what each source last did, the export. */
@FunctionalInterface
public interface WmsLink {
  /** No WMS configured: the overview shows none. */
  WmsLink NONE = () -> CompletableFuture.completedFuture(null);

  /** Completes with the sync's status, or null when no WMS source or export is configured. */
  CompletionStage<WmsSync.WmsStatus> status();
}
