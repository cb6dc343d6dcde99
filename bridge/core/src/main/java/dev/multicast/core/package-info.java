/**
 * UDP multicast sockets: a {@link dev.multicast.core.Group} (address and port), a {@link
 * dev.multicast.core.Sender} and a {@link dev.multicast.core.Receiver} opened with {@link
 * dev.multicast.core.MulticastOptions} (interface, TTL, loopback, receive buffer), and the {@link
 * dev.multicast.core.Datagram} they carry. Failures are one {@link
 * dev.multicast.core.MulticastException} naming the group, port and interface.
 *
 * <pre>{@code
 * MulticastOptions options = MulticastOptions.defaults().iface(Interfaces.resolve("lo"));
 * try (Sender sender = Sender.open(Group.parse("239.1.2.3:59259"), options)) {
 *   sender.send("hello".getBytes(StandardCharsets.UTF_8));
 * }
 * }</pre>
 */
package dev.multicast.core;
