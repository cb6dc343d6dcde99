/**
 * What the {@code multicast-source} and {@code multicast-sink} Kamelets run on camel-netty: the
 * socket set-up of a group member ({@link dev.multicast.camel.MulticastServerInitializerFactory},
 * {@link dev.multicast.camel.MulticastClientInitializerFactory}), the steps that tag received
 * datagrams and send messages as datagrams ({@link dev.multicast.camel.MulticastInbound}, {@link
 * dev.multicast.camel.MulticastOutbound}), keyed envelopes as a Camel data format ({@link
 * dev.multicast.camel.EnvelopeDataFormat}), membership health and metrics. Routes use the Kamelets;
 * they rarely need these classes by name.
 */
package dev.multicast.camel;
