package dev.multicast.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit secret that every member of a secure group shares. Its file holds one key a line, in
 * standard base64 (44 characters and a newline), newest first, readable by its owner only: senders
 * use the first, receivers accept any (see {@link GroupKeys}), so that a key can be rotated.
 *
 * <p>The key itself never signs or encrypts: each mode uses its own key derived from it with
 * HKDF-Expand (RFC 5869) over HMAC-SHA256, so the same bytes never serve two algorithms — {@code
 * HMAC-SHA256(key, "multicast auth" || 0x01)} for auth and {@code HMAC-SHA256(key, "multicast seal"
 * || 0x01)} for seal. {@link #toString()} shows the key id only.
 */
public final class GroupKey {
  /** Bytes of key. */
  public static final int LENGTH = 32;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] KEY_ID_LABEL = "multicast key id".getBytes(StandardCharsets.US_ASCII);

  /** Keys a file may hold: the current one and those still accepted while a rotation spreads. */
  public static final int MAX_KEYS = 16;

  // One line of base64 and its newline.
  private static final int LINE_LENGTH = 45;
  // A file larger than this is not a key file; reading stops there, whatever the path points at.
  private static final int MAX_FILE_LENGTH = MAX_KEYS * LINE_LENGTH + 64;
  private static final String LABEL = "key file";
  private static final String HOLDING = "a group key";

  private final byte[] key;
  private final int keyId;
  private final SecretKeySpec authKey;
  private final SecretKeySpec sealKey;

  private GroupKey(byte[] key) {
    this.key = key;
    this.keyId = keyId(key);
    this.authKey = new SecretKeySpec(expand(key, "multicast auth"), "HmacSHA256");
    this.sealKey = new SecretKeySpec(expand(key, "multicast seal"), "AES");
  }

  /** {@return a new random key, from a {@link SecureRandom}} */
  public static GroupKey generate() {
    byte[] key = new byte[LENGTH];
    RANDOM.nextBytes(key);
    return new GroupKey(key);
  }

  /**
   * {@return a key of the given bytes, e.g. a published test vector}
   *
   * @param key 32 bytes, copied
   * @throws IllegalArgumentException when there are not 32
   */
  public static GroupKey of(byte[] key) {
    if (key.length != LENGTH) {
      throw new IllegalArgumentException("a group key is " + LENGTH + " bytes, not " + key.length);
    }
    return new GroupKey(key.clone());
  }

  /**
   * Reads a key file: its first key, the one senders use.
   *
   * @param path the key file
   * @return its first key
   * @throws KeyFileException when the file is missing, unreadable, not a key file, or readable or
   *     writable by group or others
   */
  public static GroupKey read(Path path) {
    return readAll(path).get(0);
  }

  /**
   * Reads every key of a key file, newest first.
   *
   * @throws KeyFileException when the file is missing, unreadable, not a key file, or readable or
   *     writable by group or others
   */
  static List<GroupKey> readAll(Path path) {
    byte[] content = PrivateFiles.read(path, LABEL, HOLDING, MAX_FILE_LENGTH);
    try {
      return decode(path, content);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  /**
   * Writes this key to a new file that only its owner can read and write. The file is created with
   * that mode rather than narrowed after, so no one else can open it even for a moment; an existing
   * file is never replaced.
   *
   * @param path the new file
   * @throws KeyFileException when a file is already there or the file cannot be written
   */
  public void write(Path path) {
    writeNew(List.of(this), path);
  }

  /**
   * Writes {@code keys} to a new file, one a line, created with mode 0600; an existing file is
   * never replaced.
   */
  private static void writeNew(List<GroupKey> keys, Path path) {
    byte[] lines = lines(keys);
    boolean created = false;
    try (FileChannel out =
        FileChannel.open(
            path,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(
                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)))) {
      created = true;
      ByteBuffer buffer = ByteBuffer.wrap(lines);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException(
          KeyFileException.Reason.EXISTS,
          "key file " + path + " already exists; a key is never overwritten (expected a new path)");
    } catch (UnsupportedOperationException e) {
      throw unwritable(
          path, "its file system has no POSIX permissions", "one that can make it 0600");
    } catch (NoSuchFileException e) {
      throw unwritable(path, "its directory does not exist", "an existing directory");
    } catch (IOException e) {
      if (created) {
        deleteQuietly(path);
      }
      throw unwritable(path, PrivateFiles.describe(e), "a directory this user may write in");
    } finally {
      Arrays.fill(lines, (byte) 0);
    }
  }

  /**
   * Replaces the key file at {@code path} with {@code keys} in one step (see {@link
   * PrivateFiles#replace}): a reader sees the old file or the new one, never a part.
   */
  static void replace(List<GroupKey> keys, Path path) {
    byte[] lines = lines(keys);
    try {
      PrivateFiles.replace(path, lines, LABEL);
    } finally {
      Arrays.fill(lines, (byte) 0);
    }
  }

  /** The key file's text: one key a line, in base64. */
  private static byte[] lines(List<GroupKey> keys) {
    byte[] lines = new byte[keys.size() * LINE_LENGTH];
    for (int i = 0; i < keys.size(); i++) {
      byte[] line = Base64.getEncoder().encode(keys.get(i).key);
      System.arraycopy(line, 0, lines, i * LINE_LENGTH, line.length);
      lines[i * LINE_LENGTH + LINE_LENGTH - 1] = '\n';
      Arrays.fill(line, (byte) 0);
    }
    return lines;
  }

  /**
   * The key id: the first 4 bytes of SHA-256 over the ASCII text "multicast key id" and the key. It
   * tells receivers which key an envelope was made with, and reveals nothing of the key.
   *
   * @return the id, as a big-endian int
   */
  public int keyId() {
    return keyId;
  }

  SecretKeySpec authKey() {
    return authKey;
  }

  SecretKeySpec sealKey() {
    return sealKey;
  }

  @Override
  public String toString() {
    return String.format("GroupKey[id=%08x]", keyId);
  }

  private static List<GroupKey> decode(Path path, byte[] content) {
    if (content.length > MAX_FILE_LENGTH) {
      throw malformed(path, "is larger than a key file");
    }
    List<GroupKey> keys = new ArrayList<>();
    int start = 0;
    for (int lineNumber = 1; start < content.length; lineNumber++) {
      int end = start;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      byte[] line = trimmed(content, start, end);
      start = end + 1;
      if (line.length == 0) {
        continue;
      }
      byte[] key;
      try {
        key = Base64.getDecoder().decode(line);
      } catch (IllegalArgumentException e) {
        // The decoder's own message would quote a character of the file: left out on purpose.
        throw malformed(path, where(lineNumber) + "is not base64");
      } finally {
        Arrays.fill(line, (byte) 0);
      }
      if (key.length != LENGTH) {
        throw malformed(path, where(lineNumber) + "holds " + key.length + " bytes");
      }
      GroupKey parsed = new GroupKey(key);
      if (keys.stream().anyMatch(other -> other.keyId == parsed.keyId)) {
        throw malformed(path, where(lineNumber) + "repeats a key");
      }
      keys.add(parsed);
    }
    if (keys.isEmpty()) {
      throw malformed(path, "holds no key");
    }
    if (keys.size() > MAX_KEYS) {
      throw malformed(path, "holds " + keys.size() + " keys, more than " + MAX_KEYS);
    }
    return List.copyOf(keys);
  }

  private static byte[] trimmed(byte[] content, int start, int end) {
    while (start < end && Character.isWhitespace(content[start])) {
      start++;
    }
    while (end > start && Character.isWhitespace(content[end - 1])) {
      end--;
    }
    return Arrays.copyOfRange(content, start, end);
  }

  /** Names the line only where there can be several: a one-key file reads as before. */
  private static String where(int lineNumber) {
    return lineNumber == 1 ? "" : "line " + lineNumber + " ";
  }

  private static int keyId(byte[] key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(KEY_ID_LABEL);
      byte[] digest = sha256.digest(key);
      return Envelope.readInt(digest, 0);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** HKDF-Expand (RFC 5869) for one 32-byte block, with the uniformly random key as the PRK. */
  private static byte[] expand(byte[] key, String label) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      hmac.update(label.getBytes(StandardCharsets.US_ASCII));
      hmac.update((byte) 1);
      return hmac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  private static KeyFileException unwritable(Path path, String why, String expected) {
    return PrivateFiles.unwritable(path, LABEL, why, expected);
  }

  private static KeyFileException malformed(Path path, String what) {
    return new KeyFileException(
        KeyFileException.Reason.MALFORMED,
        "key file "
            + path
            + " "
            + what
            + " (expected one key a line, newest first: "
            + LENGTH
            + " bytes in standard base64, 44 characters)");
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // The write already failed; that failure is the one to report.
    }
  }
}
