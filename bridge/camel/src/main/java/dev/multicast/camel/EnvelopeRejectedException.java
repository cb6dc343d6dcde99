package dev.multicast.camel;

import dev.multicast.security.RejectReason;
import java.util.Locale;

/**
 * Thrown by {@link EnvelopeDataFormat} when unmarshalling refuses a datagram, so a route's error
 * handler (the bridge's {@code dead-letter} route configuration, or an {@code onException} of the
 * route's own) decides where it goes. The message is one line, {@code rejected envelope: replay
 * (seen before, or older than the replay window)}, which the dead-letter {@code .txt} file shows as
 * the reason.
 *
 * <p>Under attack rejections are the common case, so this exception records no stack trace: where
 * it was thrown says nothing that the reason does not.
 */
public final class EnvelopeRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient RejectReason reason;

  /**
   * An envelope refused by its opener.
   *
   * @param reason why
   */
  public EnvelopeRejectedException(RejectReason reason) {
    super(
        "rejected envelope: " + label(reason) + " (" + reason.description() + ")",
        null,
        false,
        false);
    this.reason = reason;
  }

  /** {@return why the envelope was refused} */
  public RejectReason reason() {
    return reason;
  }

  /**
   * The reason as metrics and dead-letter files name it: {@code WRONG_KEY} is {@code wrong-key}.
   *
   * @return the reason's label
   */
  public String label() {
    return label(reason);
  }

  private static String label(RejectReason reason) {
    return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
