/**
 * The echo service behind {@code multicast HEAR}: it answers each datagram with a unicast reply in
 * the reference tool's format and relays other groups to its home group ({@link
 * dev.multicast.echo.EchoService}).
 */
package dev.multicast.echo;
