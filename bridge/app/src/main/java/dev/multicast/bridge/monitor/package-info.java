/**
 * The bridge's live monitor on its management port: a sampler that reads the counters once a
 * second, the page and its event stream, the state as JSON, and its text view for {@code multicast
 * top}.
 */
package dev.multicast.bridge.monitor;
