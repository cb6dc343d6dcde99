/**
 * {@code multicast bridge} and {@code multicast broker}: Camel Main running the YAML routes on the
 * multicast Kamelets, the embedded or external Artemis broker or Kafka they deliver to, their
 * settings, dead letters and the HTTP endpoints.
 */
package dev.multicast.bridge;
