package dev.multicast.bridge.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted, slow hash of a password: PBKDF2 with HMAC-SHA256 from the JDK, as OWASP's password
 * storage cheat sheet recommends it (600,000 iterations, 16 bytes of salt, 32 of hash). Written as
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, salt and hash in unpadded base64, so that the cost
 * can rise later without breaking older lines.
 *
 * @param iterations PBKDF2 iterations
 * @param salt random bytes, per password
 * @param hash the derived key
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
  private static final String SCHEME = "pbkdf2-sha256";
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  static final int ITERATIONS = 600_000;

  /** Fewer would be too cheap to guess; more than this is a line made to stall the broker. */
  private static final int MIN_ITERATIONS = 10_000;

  private static final int MAX_ITERATIONS = 10_000_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The hash of a new password, with a new salt. */
  public static PasswordHash of(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new PasswordHash(ITERATIONS, salt, derive(password, salt, ITERATIONS));
  }

  /**
   * A hash as {@link #toString()} writes it.
   *
   * @throws IllegalArgumentException saying what was expected (never quoting the text)
   */
  public static PasswordHash parse(String text) {
    String[] parts = text.split("\\$", -1);
    String expected = "expected " + SCHEME + "$ITERATIONS$SALT$HASH, as 'multicast passwd' writes";
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException("the password hash is not one (" + expected + ")");
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] hash = Base64.getDecoder().decode(parts[3]);
      if (iterations < MIN_ITERATIONS
          || iterations > MAX_ITERATIONS
          || salt.length < SALT_BYTES
          || hash.length != HASH_BYTES) {
        throw new IllegalArgumentException("the password hash has parameters out of range");
      }
      return new PasswordHash(iterations, salt, hash);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the password hash is not one (" + expected + ")", e);
    }
  }

  /** Whether this is the hash of {@code password}; takes the same time whatever differs. */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  /** A random token of 32 bytes in unpadded base64, for secrets nobody types. */
  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    KeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK 17 has " + ALGORITHM, e);
    } finally {
      ((PBEKeySpec) spec).clearPassword();
    }
  }

  @Override
  public String toString() {
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(hash);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PasswordHash that
        && iterations == that.iterations
        && Arrays.equals(salt, that.salt)
        && Arrays.equals(hash, that.hash);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(salt) + Arrays.hashCode(hash);
  }
}
