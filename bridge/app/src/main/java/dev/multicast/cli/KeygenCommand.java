package dev.multicast.cli;

import dev.multicast.security.GroupKey;
import dev.multicast.security.GroupKeys;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code multicast KEYGEN [--rotate | --retire] PATH}: a new random group key, readable by its
 * owner only; or a rotation of the keys in a key file.
 */
@Command(
    name = "KEYGEN",
    header = "Write a new group key file (mode 0600) or rotate keys.",
    description = {
      "A key is 256 random bits. Share the file with every host of the group (scp, a",
      "secret store), then give it to SAY, RECV and HEAR with --key-file or",
      "MULTICAST_KEY_FILE. An existing file is never overwritten, except by --rotate",
      "and --retire, which replace it in one step.",
      "",
      "A key file holds one key a line, newest first: senders use the first, receivers",
      "accept any, and running ones read the file again within a second of a change."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  multicast KEYGEN ~/.config/multicast/group.key",
      "  multicast SAY --key-file ~/.config/multicast/group.key --seal -m secret",
      "  multicast KEYGEN --rotate ~/.config/multicast/group.key  # new key first",
      "  multicast KEYGEN --retire ~/.config/multicast/group.key  # newest key only"
    })
final class KeygenCommand implements Callable<Integer> {
  private final Context context;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "Where to write the key, or the key file.")
  Path path;

  @ArgGroup(exclusive = true)
  Rotation rotation;

  /** What to do to an existing key file instead of writing a new one. */
  static final class Rotation {
    @Option(
        names = "--rotate",
        description = "Put a new key first in the existing file and keep the previous ones.")
    boolean rotate;

    @Option(
        names = "--retire",
        description = "Keep only the first key of the existing file, once no sender uses another.")
    boolean retire;
  }

  KeygenCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (path.toString().isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "'" + path + "' is not a path (expected where to write the key)");
    }
    PrintStream out = new PrintStream(context.out(), true, StandardCharsets.UTF_8);
    if (rotation == null) {
      GroupKey key = GroupKey.generate();
      key.write(path);
      out.printf("KEYGEN: wrote key %08x to %s%n", key.keyId(), path);
    } else {
      GroupKeys keys = rotation.rotate ? GroupKeys.rotate(path) : GroupKeys.retire(path);
      out.printf("KEYGEN: %s holds keys %s (senders use the first)%n", path, ids(keys));
    }
    return ExitCode.OK.code();
  }

  private static String ids(GroupKeys keys) {
    return keys.all().stream()
        .map(key -> String.format("%08x", key.keyId()))
        .collect(Collectors.joining(", "));
  }
}
