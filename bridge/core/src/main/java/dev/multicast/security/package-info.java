/**
 * Keyed envelopes for groups that must trust what they receive: a {@link
 * dev.multicast.security.Sealer} wraps each payload in an envelope (sequence numbers only, signed
 * with HMAC-SHA256, or encrypted with AES-256-GCM, see {@link dev.multicast.security.EnvelopeMode})
 * and an {@link dev.multicast.security.Opener} checks and opens it, refusing forgeries, replays and
 * stale timestamps. Keys are 32 random bytes in a file only its owner may read ({@link
 * dev.multicast.security.GroupKey}, {@link dev.multicast.security.GroupKeys}, {@link
 * dev.multicast.security.KeyFile}); {@link dev.multicast.security.LossCounter} counts what the
 * sequence numbers say was lost.
 */
package dev.multicast.security;
