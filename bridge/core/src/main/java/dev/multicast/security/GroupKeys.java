package dev.multicast.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys of one key file, newest first: senders seal with {@link #current()}, receivers open what
 * any of them made, picked by the key id in the envelope's header, never by trying each. A key is
 * rotated by putting a new one first ({@link #rotate(Path)}) while the previous ones stay accepted,
 * and retired once every sender uses the new one ({@link #retire(Path)}).
 */
public final class GroupKeys {
  private final List<GroupKey> keys;

  private GroupKeys(List<GroupKey> keys) {
    if (keys.isEmpty() || keys.size() > GroupKey.MAX_KEYS) {
      throw new IllegalArgumentException(
          "a key ring holds 1 to " + GroupKey.MAX_KEYS + " keys, not " + keys.size());
    }
    this.keys = List.copyOf(keys);
  }

  /**
   * {@return a ring of the given keys}
   *
   * @param keys 1 to {@link GroupKey#MAX_KEYS} keys, newest first
   * @throws IllegalArgumentException for none or too many
   */
  public static GroupKeys of(GroupKey... keys) {
    return new GroupKeys(List.of(keys));
  }

  /**
   * Reads a key file.
   *
   * @param path the key file
   * @return its keys, newest first
   * @throws KeyFileException when the file is missing, unreadable, not a key file, or readable or
   *     writable by group or others
   */
  public static GroupKeys read(Path path) {
    return new GroupKeys(GroupKey.readAll(path));
  }

  /**
   * Puts a new key first in the key file at {@code path} and keeps the previous ones, replacing the
   * file in one step; the oldest keys go when it would hold more than {@link GroupKey#MAX_KEYS}.
   *
   * @param path an existing key file
   * @return the keys the file now holds
   * @throws KeyFileException when the file cannot be read as a key file or cannot be replaced
   */
  public static GroupKeys rotate(Path path) {
    List<GroupKey> next = new ArrayList<>();
    next.add(GroupKey.generate());
    next.addAll(read(path).keys);
    GroupKeys rotated = new GroupKeys(next.subList(0, Math.min(next.size(), GroupKey.MAX_KEYS)));
    GroupKey.replace(rotated.keys, path);
    return rotated;
  }

  /**
   * Keeps only the first key of the key file at {@code path}: the last step of a rotation, once no
   * sender uses an older key.
   *
   * @param path an existing key file
   * @return the keys the file now holds
   * @throws KeyFileException when the file cannot be read as a key file or cannot be replaced
   */
  public static GroupKeys retire(Path path) {
    GroupKeys retired = new GroupKeys(List.of(read(path).current()));
    GroupKey.replace(retired.keys, path);
    return retired;
  }

  /** {@return the key senders use: the newest} */
  public GroupKey current() {
    return keys.get(0);
  }

  /**
   * {@return the key with this id, if this ring holds it}
   *
   * @param keyId the id from an envelope's header
   */
  public Optional<GroupKey> find(int keyId) {
    for (GroupKey key : keys) {
      if (key.keyId() == keyId) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /** {@return every key, newest first} */
  public List<GroupKey> all() {
    return keys;
  }

  @Override
  public String toString() {
    return "GroupKeys" + keys;
  }
}
