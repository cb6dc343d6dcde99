/**
 * A real Kafka broker for tests, in a child JVM on loopback ({@link
 * dev.multicast.testing.kafka.KafkaBroker}), so that the bridge's Kafka routes are tested against
 * Kafka itself.
 */
package dev.multicast.testing.kafka;
