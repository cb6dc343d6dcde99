package dev.multicast.cli;

import dev.multicast.security.GroupKey;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code multicast KEYGEN PATH}: a new random group key, readable by its owner only. */
@Command(
    name = "KEYGEN",
    header = "Write a new random 256-bit group key to a file (mode 0600).",
    description = {
      "Share the file with every host of the group (scp, a secret store), then give it to",
      "SAY, RECV and HEAR with --key-file or MULTICAST_KEY_FILE. An existing file is never",
      "overwritten."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  multicast KEYGEN ~/.config/multicast/group.key",
      "  multicast SAY --key-file ~/.config/multicast/group.key --seal -m secret"
    })
final class KeygenCommand implements Callable<Integer> {
  private final Context context;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "Where to write the key.")
  Path path;

  KeygenCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (path.toString().isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "'" + path + "' is not a path (expected where to write the key)");
    }
    GroupKey key = GroupKey.generate();
    key.write(path);
    new PrintStream(context.out(), true, StandardCharsets.UTF_8)
        .printf("KEYGEN: wrote key %08x to %s%n", key.keyId(), path);
    return ExitCode.OK.code();
  }
}
