package dev.multicast.security;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/** The JDK algorithms the envelope modes use, set up the one way both ends need. */
final class Crypto {
  /** GCM tag length in bits: the full 16 bytes. */
  static final int GCM_TAG_BITS = 128;

  private Crypto() {}

  /** HMAC-SHA256 under the key's auth key. */
  static Mac mac(GroupKey key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key.authKey());
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /** AES-GCM, to be initialised with the key's seal key and each envelope's nonce. */
  static Cipher gcm() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has AES/GCM/NoPadding", e);
    }
  }
}
