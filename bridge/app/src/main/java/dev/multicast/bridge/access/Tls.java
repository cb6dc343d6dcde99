package dev.multicast.bridge.access;

import dev.multicast.security.KeyFileException;
import dev.multicast.security.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import org.apache.activemq.artemis.core.remoting.impl.ssl.SSLSupport;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * TLS for what the bridge and broker listen on: a certificate (chain) and its private key, each a
 * PEM file. Both servers read them through the PEM key store Artemis already uses
 * (de.dentrassi.crypto:pem-keystore), by way of a small file that names the two paths and holds no
 * secret itself.
 *
 * @param cert the certificate, and any intermediates, in PEM
 * @param key the private key in PEM (PKCS#8), readable by its owner only
 */
public record Tls(Path cert, Path key) {
  /** The key store type of a file naming PEM sources. */
  private static final String TYPE = "PEMCFG";

  /**
   * Checks both files and that they hold a key with its certificate, and returns the key store file
   * that names them.
   *
   * @throws KeyFileException when a file is missing (66), the key is open to group or others (77),
   *     or they hold no key and certificate (66)
   */
  public Path keyStore() {
    PrivateFiles.check(key, "TLS key file", "a PEM private key");
    if (!Files.isReadable(cert)) {
      throw new KeyFileException(
          KeyFileException.Reason.MISSING,
          "TLS certificate file "
              + cert
              + " does not exist or cannot be read (expected a PEM certificate)");
    }
    try {
      Path file = Files.createTempFile("multicast-tls", ".pemcfg");
      file.toFile().deleteOnExit();
      Files.writeString(
          file,
          "alias=multicast\nsource.key="
              + key.toAbsolutePath()
              + "\nsource.cert="
              + cert.toAbsolutePath()
              + "\n",
          StandardCharsets.UTF_8);
      checkHoldsAKey(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The broker acceptor's URL parameters for TLS with this key. */
  public String acceptorParameters() {
    return "sslEnabled=true&keyStoreType=" + TYPE + "&keyStorePath=" + keyStore();
  }

  /** The same key for Camel's HTTP servers. */
  public SSLContextParameters httpParameters() {
    KeyStoreParameters store = new KeyStoreParameters();
    store.setType(TYPE);
    store.setProvider("PEM");
    store.setResource("file:" + keyStore());
    store.setPassword("");
    KeyManagersParameters keys = new KeyManagersParameters();
    keys.setKeyStore(store);
    keys.setKeyPassword("");
    SSLContextParameters parameters = new SSLContextParameters();
    parameters.setKeyManagers(keys);
    return parameters;
  }

  /** Serves the bridge's HTTP routes and management port over TLS with this key. */
  public void serveHttp(org.apache.camel.CamelContext context) {
    HttpServers.useTls(context, this);
  }

  private void checkHoldsAKey(Path file) throws IOException {
    SSLSupport.checkPemProviderLoaded(TYPE);
    boolean holds;
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(TYPE);
      store.load(in, new char[0]);
      holds =
          Collections.list(store.aliases()).stream()
              .anyMatch(alias -> isKeyWithCertificate(store, alias));
    } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
      holds = false;
    }
    if (!holds) {
      throw new KeyFileException(
          KeyFileException.Reason.MALFORMED,
          "TLS key file "
              + key
              + " and certificate file "
              + cert
              + " hold no private key with its certificate (expected PEM files, the key in"
              + " PKCS#8: BEGIN PRIVATE KEY)");
    }
  }

  private static boolean isKeyWithCertificate(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias) && store.getCertificate(alias) != null;
    } catch (java.security.KeyStoreException e) {
      return false;
    }
  }
}
