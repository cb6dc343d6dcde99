/**
 * The benchmarks behind the figures in the docs: the command line's start-up and throughput, the
 * bridge end to end on Artemis and Kafka, and envelope sealing and opening, each against a baseline
 * measured in the same run. Run them with the scripts in {@code bench/}.
 */
package dev.multicast.bench;
