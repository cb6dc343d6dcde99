package dev.multicast.core;

import dev.multicast.core.MulticastException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The files this process may still open, as Linux tells in {@code /proc/self}: each group a
 * receiver joins takes a socket, so a long list of groups can reach the limit ({@code ulimit -n}).
 * Checked before opening, because past the limit the JDK fails with an {@link Error} of its own (it
 * loads its file code on first use, which needs a descriptor), wherever it happens to be.
 */
final class FileDescriptors {
  /** Kept free beyond the sockets: the selector, the JDK's own files, reading /proc. */
  static final int RESERVE = 16;

  private static final Path LIMITS = Path.of("/proc/self/limits");
  private static final Path OPEN = Path.of("/proc/self/fd");

  private FileDescriptors() {}

  /**
   * Fails, naming the limit, when {@code sockets} more would leave fewer than {@link #RESERVE}
   * descriptors; where the system does not say, opening will tell.
   *
   * @param what what the sockets are for, as the message starts: {@code cannot receive 1100 groups}
   */
  static void requireRoom(int sockets, String what) {
    OptionalLong limit = softLimit();
    if (limit.isEmpty()) {
      return;
    }
    long room;
    try (var open = Files.list(OPEN)) {
      room = limit.getAsLong() - open.count();
    } catch (IOException | RuntimeException e) {
      return;
    }
    if (sockets + RESERVE > room) {
      throw new MulticastException(
          Reason.UNAVAILABLE,
          String.format(
              "%s: a socket each, and this process may open only %d more files (ulimit -n is"
                  + " %d; expected at most %d sockets, or a higher limit)",
              what, Math.max(0, room), limit.getAsLong(), Math.max(0, room - RESERVE)));
    }
  }

  /** The soft limit on open files, from the line {@code Max open files 1024 1048576 files}. */
  private static OptionalLong softLimit() {
    try {
      for (String line : Files.readAllLines(LIMITS)) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited")
              ? OptionalLong.empty()
              : OptionalLong.of(Long.parseLong(soft));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc hidden: nothing to check against.
    }
    return OptionalLong.empty();
  }
}
