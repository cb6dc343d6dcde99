package dev.multicast.cli;

import dev.multicast.security.GroupKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The group key of SAY, RECV and HEAR: with one, every datagram is an authenticated envelope. */
final class KeyOptions {
  @Option(
      names = "--key-file",
      paramLabel = "PATH",
      description =
          "Group key (from KEYGEN): send and accept authenticated envelopes only. Default:"
              + " MULTICAST_KEY_FILE.")
  Path keyFile;

  /** The key, or null when none is given; a key file that cannot be used stops the command. */
  GroupKey key(Defaults defaults) {
    Path path = keyFile != null ? keyFile : defaults.keyFile();
    return path == null ? null : GroupKey.read(path);
  }
}
