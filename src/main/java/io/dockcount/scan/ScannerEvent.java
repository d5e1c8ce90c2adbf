package io.dockcount.scan;

import akka.util.ByteString;

/** What a scanner connection reports, in order, to the station reading it. */
public sealed interface ScannerEvent {
  /** The device was opened; frames follow. */
  record Connected(String station, String device) implements ScannerEvent {}

  /** The device was lost or could not be opened; the source keeps trying to reopen it. */
  record Disconnected(String station, String reason) implements ScannerEvent {}

  /** One complete frame, terminator removed. */
  record FrameReceived(ByteString bytes) implements ScannerEvent {}

  /** Bytes that are no scan (control bytes, too long, incomplete), with the reason. */
  record FrameRejected(ByteString bytes, String reason) implements ScannerEvent {}

  /**
   * A frame the scanner had sent while nothing read it, found waiting when its port opened
   * (after a restart, or noise as it is plugged in): refused, with the reason, like a
   * {@link FrameRejected}, but no read by a counter now, so no sign the station is in use.
   */
  record SentBeforeOpen(ByteString bytes, String reason) implements ScannerEvent {}
}
