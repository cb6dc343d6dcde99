package dev.multicast.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A key file that is read again when it changes, so that senders and receivers that run for long
 * follow a rotation ({@link GroupKeys#rotate(Path)}) without a restart. It looks at the file at
 * most once a second, and reads it only when its modification time, size or identity changed (a
 * rotation replaces the file, so its identity changes). A file that cannot be used as it now is
 * keeps the keys read last, and the problem is said once through the warnings.
 *
 * <p>Not thread-safe: one per sending or receiving thread.
 */
public final class KeyFile {
  private static final long CHECK_NANOS = 1_000_000_000L;

  private final Path path;
  private final Consumer<String> warnings;
  private GroupKeys keys;
  private Object seen;
  private String lastWarning;
  private long nextCheck = System.nanoTime() + CHECK_NANOS;

  private KeyFile(Path path, Consumer<String> warnings) {
    this.path = path;
    this.warnings = warnings;
  }

  /**
   * Reads the key file now.
   *
   * @param path the key file
   * @param warnings told, once per problem, when a changed file cannot be used
   * @return the file, with its keys read
   * @throws KeyFileException when the file cannot be used: at the start there are no keys to keep
   */
  public static KeyFile open(Path path, Consumer<String> warnings) {
    KeyFile file = new KeyFile(path, warnings);
    file.seen = file.version();
    file.keys = GroupKeys.read(path);
    return file;
  }

  /** {@return where the file is} */
  public Path path() {
    return path;
  }

  /** {@return the keys read last} */
  public GroupKeys keys() {
    return keys;
  }

  /**
   * The file's keys when they changed since the last call, looked at no more than once a second;
   * empty otherwise.
   *
   * @return the new keys, or empty
   */
  public Optional<GroupKeys> changed() {
    long now = System.nanoTime();
    if (now - nextCheck < 0) {
      return Optional.empty();
    }
    nextCheck = now + CHECK_NANOS;
    Object version = version();
    if (Objects.equals(version, seen)) {
      return Optional.empty();
    }
    try {
      GroupKeys read = GroupKeys.read(path);
      seen = version;
      lastWarning = null;
      boolean different = !ids(read).equals(ids(keys));
      keys = read;
      return different ? Optional.of(read) : Optional.empty();
    } catch (KeyFileException e) {
      String warning = e.getMessage() + "; keeping the keys read before";
      if (!warning.equals(lastWarning)) {
        lastWarning = warning;
        warnings.accept(warning);
      }
      return Optional.empty();
    }
  }

  private static List<Integer> ids(GroupKeys keys) {
    return keys.all().stream().map(GroupKey::keyId).toList();
  }

  /** What tells one state of the file from another without reading it; null when it is gone. */
  private Object version() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return List.of(
          attributes.lastModifiedTime(), attributes.size(), String.valueOf(attributes.fileKey()));
    } catch (IOException e) {
      return null;
    }
  }
}
