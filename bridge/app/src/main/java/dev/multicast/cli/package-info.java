/**
 * The {@code multicast} command line on picocli: the root command and its commands (SAY, RECV,
 * HEAR, NOOP, KEYGEN, bridge, broker, consume, passwd, top, generate-completion), their shared
 * options, the environment defaults and the one table of exit codes.
 */
package dev.multicast.cli;
