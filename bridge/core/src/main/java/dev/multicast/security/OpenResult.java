package dev.multicast.security;

/**
 * What {@link Opener#open} made of a datagram: an {@link Opened} envelope, or the {@link
 * RejectReason} it was refused for. A result rather than an exception, since under attack
 * rejections are the common case.
 */
public sealed interface OpenResult permits Opened, RejectReason {
  /** {@return whether the datagram was accepted, so this is an {@link Opened}} */
  boolean accepted();
}
