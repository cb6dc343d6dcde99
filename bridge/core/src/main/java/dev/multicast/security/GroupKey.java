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
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit secret that every member of a secure group shares. Its file holds one line: the key
 * in standard base64 (44 characters and a newline), readable by its owner only.
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
  // A file larger than this is not a key file; reading stops there, whatever the path points at.
  private static final int MAX_FILE_LENGTH = 1024;
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

  /** A new random key. */
  public static GroupKey generate() {
    byte[] key = new byte[LENGTH];
    RANDOM.nextBytes(key);
    return new GroupKey(key);
  }

  /** A key of the given 32 bytes (copied), e.g. a published test vector. */
  public static GroupKey of(byte[] key) {
    if (key.length != LENGTH) {
      throw new IllegalArgumentException("a group key is " + LENGTH + " bytes, not " + key.length);
    }
    return new GroupKey(key.clone());
  }

  /**
   * Reads a key file.
   *
   * @throws KeyFileException when the file is missing, unreadable, not a key, or readable or
   *     writable by group or others
   */
  public static GroupKey read(Path path) {
    byte[] content = PrivateFiles.read(path, LABEL, HOLDING, MAX_FILE_LENGTH);
    try {
      return new GroupKey(decode(path, content));
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  /**
   * Writes this key to a new file that only its owner can read and write. The file is created with
   * that mode rather than narrowed after, so no one else can open it even for a moment; an existing
   * file is never replaced.
   *
   * @throws KeyFileException when a file is already there or the file cannot be written
   */
  public void write(Path path) {
    byte[] line = Arrays.copyOf(Base64.getEncoder().encode(key), 45);
    line[44] = '\n';
    boolean created = false;
    try (FileChannel out =
        FileChannel.open(
            path,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(
                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)))) {
      created = true;
      ByteBuffer buffer = ByteBuffer.wrap(line);
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
      Arrays.fill(line, (byte) 0);
    }
  }

  /**
   * The key id: the first 4 bytes of SHA-256 over the ASCII text "multicast key id" and the key. It
   * tells receivers which key an envelope was made with, and reveals nothing of the key.
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

  private static byte[] decode(Path path, byte[] content) {
    if (content.length > MAX_FILE_LENGTH) {
      throw malformed(path, "is larger than a key file");
    }
    int end = content.length;
    while (end > 0 && Character.isWhitespace(content[end - 1])) {
      end--;
    }
    byte[] text = Arrays.copyOf(content, end);
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      // The decoder's own message would quote a character of the file: left out on purpose.
      throw malformed(path, "is not base64");
    } finally {
      Arrays.fill(text, (byte) 0);
    }
    if (key.length != LENGTH) {
      throw malformed(path, "holds " + key.length + " bytes");
    }
    return key;
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
            + " (expected one line: "
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
