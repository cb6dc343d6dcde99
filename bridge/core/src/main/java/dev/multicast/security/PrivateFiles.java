package dev.multicast.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files that hold secrets (group keys, users and their password hashes, passwords): readable by
 * their owner only. Reading refuses a file that group or others may read or write, and writing
 * creates the file with mode 0600 rather than narrowing it after, so no one else can open it even
 * for a moment. Every failure is a {@link KeyFileException} whose one-line message names the file
 * by its {@code label}, such as "key file" or "users file".
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> SHARED =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private PrivateFiles() {}

  /**
   * Reads at most {@code maxLength + 1} bytes of a private file: one more than allowed tells the
   * caller it is too long.
   *
   * @param path the file
   * @param label what the file is, for messages: "key file"
   * @param holding what the file should hold, for messages: "a group key"
   * @throws KeyFileException when the file is missing, unreadable, not a regular file, or open to
   *     group or others
   * @param maxLength the most bytes the file may hold
   * @return its bytes, {@code maxLength + 1} of them when it is longer
   */
  public static byte[] read(Path path, String label, String holding, int maxLength) {
    check(path, label, holding);
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(maxLength + 1);
    } catch (NoSuchFileException e) {
      throw missing(path, label, holding);
    } catch (IOException e) {
      throw unreadable(path, label, e);
    }
  }

  /**
   * Checks that {@code path} is a regular file that only its owner may read and write.
   *
   * @param path the file
   * @param label what the file is, for messages: "key file"
   * @param holding what the file should hold, for messages: "a group key"
   * @throws KeyFileException as {@link #read} does
   */
  public static void check(Path path, String label, String holding) {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, PosixFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw missing(path, label, holding);
    } catch (UnsupportedOperationException e) {
      return; // no POSIX modes to check on this file system
    } catch (IOException e) {
      throw unreadable(path, label, e);
    }
    if (attributes.isDirectory()) {
      throw new KeyFileException(
          KeyFileException.Reason.MALFORMED,
          label + " " + path + " is a directory (expected a file holding " + holding + ")");
    }
    if (!attributes.isRegularFile()) {
      // A pipe or a device would be read until it ends, which a pipe nobody writes never does.
      throw new KeyFileException(
          KeyFileException.Reason.MALFORMED,
          label + " " + path + " is not a regular file (expected a file holding " + holding + ")");
    }
    if (attributes.permissions().stream().anyMatch(SHARED::contains)) {
      throw new KeyFileException(
          KeyFileException.Reason.EXPOSED,
          label
              + " "
              + path
              + " has mode "
              + mode(attributes.permissions())
              + ", so group or others may read or write it (expected 0600: chmod 600 "
              + path
              + ")");
    }
  }

  /**
   * Writes {@code content} to {@code path}, replacing what is there: first to a new file beside it
   * with mode 0600, then renamed into place, so a reader sees the old file or the new one, whole.
   *
   * @param path the file
   * @param content what it holds from now on
   * @param label what the file is, for messages: "key file"
   * @throws KeyFileException when it cannot be written
   */
  public static void replace(Path path, byte[] content, String label) {
    Path absolute = path.toAbsolutePath();
    Path aside = absolute.resolveSibling("." + absolute.getFileName() + ".new");
    try {
      Files.deleteIfExists(aside);
      try (FileChannel out =
          FileChannel.open(
              aside,
              EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(
          aside, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (UnsupportedOperationException e) {
      throw unwritable(
          path, label, "its file system has no POSIX permissions", "one that can make it 0600");
    } catch (NoSuchFileException e) {
      throw unwritable(path, label, "its directory does not exist", "an existing directory");
    } catch (IOException e) {
      try {
        Files.deleteIfExists(aside);
      } catch (IOException ignored) {
        // The write already failed; that failure is the one to report.
      }
      throw unwritable(path, label, describe(e), "a directory this user may write in");
    }
  }

  /** A file that is there but cannot be read. */
  private static KeyFileException unreadable(Path path, String label, IOException e) {
    return new KeyFileException(
        KeyFileException.Reason.UNREADABLE,
        "cannot read "
            + label
            + " "
            + path
            + ": "
            + describe(e)
            + " (expected a file this user can read)");
  }

  /** A file that is not there. */
  static KeyFileException missing(Path path, String label, String holding) {
    return new KeyFileException(
        KeyFileException.Reason.MISSING,
        label + " " + path + " does not exist (expected a file holding " + holding + ")");
  }

  static KeyFileException unwritable(Path path, String label, String why, String expected) {
    return new KeyFileException(
        KeyFileException.Reason.UNWRITABLE,
        "cannot write " + label + " " + path + ": " + why + " (expected " + expected + ")");
  }

  /** The operating system's reason without the path, which the messages name already. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      return fileSystem.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  private static String mode(Set<PosixFilePermission> permissions) {
    int bits = 0;
    for (PosixFilePermission permission : permissions) {
      // PosixFilePermission lists OWNER_READ first and OTHERS_EXECUTE last: bit 8 down to bit 0.
      bits |= 1 << (8 - permission.ordinal());
    }
    return String.format("%04o", bits);
  }
}
