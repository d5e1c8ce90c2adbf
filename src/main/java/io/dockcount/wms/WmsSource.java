package io.dockcount.wms;

import java.util.List;

/** A source pulled on a schedule and on demand (database or API): one delivery per pull. */
public interface WmsSource {
  /** Names the source in logs, reports and the store (no secrets). */
  String name();

  /**
   * Reads every configured kind, blocking, within the source's timeout.
   *
   * @throws SourceException when anything is missing: a delivery is complete or not taken
   */
  List<RawTable> pull() throws SourceException;

  /** Returns the kinds of data it is set to deliver ({@link WmsSettings#SOURCE_KINDS}). */
  java.util.Set<String> kinds();
}
