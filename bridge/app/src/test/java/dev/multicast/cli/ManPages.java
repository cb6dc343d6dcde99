package dev.multicast.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc of {@code multicast(1)} and of one page per command into the directory named
 * by the first argument; the build turns them into man pages (bridge/app/pom.xml). The full command
 * line, every command built: picocli-codegen's own main could only build the root, whose commands
 * are added in code.
 */
public final class ManPages {
  private ManPages() {}

  public static void main(String[] args) throws IOException {
    // No environment: a MULTICAST_* variable on the building machine is not a documented default.
    Context context =
        new Context(
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            new PrintWriter(Writer.nullWriter()),
            Map.of(),
            false);
    int written =
        ManPageGenerator.generateManPage(
            new File(args[0]),
            null,
            new boolean[0],
            false,
            MulticastCommand.commandLine(context).getCommandSpec());
    if (written != 0) {
      throw new IllegalStateException("the man pages were not written: exit " + written);
    }
  }
}
