package dev.multicast.bridge;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Makes the directories the broker journal and the dead letters go in, before anything starts: a
 * file in the way or a directory this user cannot write otherwise surfaced as the broker's stack
 * traces, or as dead letters lost one by one.
 */
public final class DataDirectories {
  private DataDirectories() {}

  /**
   * Each directory, made where missing.
   *
   * @param option the option that chose them, for the message
   * @throws BridgeConfigException naming the first one that cannot be used, and why
   */
  public static void prepare(String option, Path... directories) {
    for (Path directory : directories) {
      String why = null;
      try {
        Files.createDirectories(directory);
        if (!Files.isWritable(directory)) {
          why = "this user cannot write it";
        }
      } catch (FileAlreadyExistsException e) {
        why = "a file that is not a directory is in the way at " + e.getFile();
      } catch (AccessDeniedException e) {
        why = "permission denied at " + e.getFile();
      } catch (NoSuchFileException e) {
        // createDirectories makes missing parents, so this is a file system that refuses one, such
        // as /proc.
        why = "no directory can be made at " + e.getFile();
      } catch (FileSystemException e) {
        why =
            (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName())
                + " at "
                + e.getFile();
      } catch (IOException e) {
        why = e.getMessage();
      }
      if (why != null) {
        throw new BridgeConfigException(
            String.format(
                "cannot use %s %s: %s (expected a directory this user can write, or a path where"
                    + " one can be made)",
                option, directory, why),
            null);
      }
    }
  }
}
