package dev.multicast.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --daemon} of RECV, HEAR and NOOP, the commands it changes: run until interrupted. The
 * root command takes it too, before the command, where the reference tool has it.
 */
final class DaemonOption {
  @Option(names = "--daemon", description = "Run until interrupted (Ctrl-C or SIGTERM).")
  boolean daemon;

  /** Whether to run until interrupted: {@code --daemon} after the command or before it. */
  boolean on(MulticastCommand root) {
    return daemon || root.daemon;
  }
}
