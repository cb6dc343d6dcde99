/**
 * A Testcontainers harness for multicast across hosts: {@link dev.multicast.harness.MulticastNode}
 * runs the command line, the bridge, the broker or a program of your own in a container on Docker
 * networks of the test's, {@link dev.multicast.harness.LinkFaults} injects loss, duplication and
 * partitions on a node's link, and {@link dev.multicast.harness.TwoSites} sets up two bridged
 * sites. Tests that need Docker say so with {@link dev.multicast.harness.RequiresDocker}.
 */
package dev.multicast.harness;
