package io.dockcount.alert;

import io.dockcount.store.AlertOutbox;

/** Hands one message to a provider (Twilio, Slack) and says how it went. Blocking. */
public interface Sender {

  /** Sends the message; never throws for a provider's answer, only reports it. */
  Result send(AlertOutbox.Delivery message);

  /** How a send went. */
  sealed interface Result {}

  /** The provider took the message; {@code providerId} is its id (Twilio's SID) or a tag. */
  record Sent(String providerId) implements Result {}

  /** A transient failure (rate limit, server error, timeout, refused connection): retry. */
  record Retry(String reason) implements Result {}

  /** A failure that retrying will not fix (opted-out or invalid number, bad request). */
  record Permanent(String reason) implements Result {}
}
