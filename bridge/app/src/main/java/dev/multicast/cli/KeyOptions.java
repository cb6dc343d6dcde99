package dev.multicast.cli;

import dev.multicast.security.KeyFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The group key of SAY, RECV and HEAR: with one, every datagram is an authenticated envelope. */
final class KeyOptions {
  @Option(
      names = "--key-file",
      paramLabel = "PATH",
      converter = Converters.FilePath.class,
      description =
          "Group key (from KEYGEN): send and accept authenticated envelopes only. Default:"
              + " MULTICAST_KEY_FILE.")
  Path keyFile;

  /**
   * The key file, read now, or null when none is given; a key file that cannot be used stops the
   * command. The command reads it again when it changes (a rotation), and says on standard error,
   * once, when the changed file cannot be used.
   */
  KeyFile file(Defaults defaults, Context context, String command) {
    Path path = keyFile != null ? keyFile : defaults.keyFile();
    return path == null
        ? null
        : KeyFile.open(path, warning -> context.err().println(command + ": " + warning));
  }
}
