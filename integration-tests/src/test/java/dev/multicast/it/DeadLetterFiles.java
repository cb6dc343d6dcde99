package dev.multicast.it;

import dev.multicast.harness.MulticastNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The dead letters a bridge node wrote, read from its container (its image has no shell). */
final class DeadLetterFiles {
  /** The bridge's dead-letter directory: {@code --data data} in the node's working directory. */
  private static final String DIRECTORY = "/data/data/dead-letter";

  private DeadLetterFiles() {}

  /** The text of each dead letter's {@code .txt}: its reason, then its headers. */
  static List<String> reasons(MulticastNode bridge) throws IOException {
    List<String> reasons = new ArrayList<>();
    try (InputStream archive =
            bridge
                .getDockerClient()
                .copyArchiveFromContainerCmd(bridge.getContainerId(), DIRECTORY)
                .exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.isFile() && entry.getName().endsWith(".txt")) {
          reasons.add(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return reasons;
  }
}
