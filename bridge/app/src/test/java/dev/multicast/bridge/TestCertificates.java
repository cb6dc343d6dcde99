package dev.multicast.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA and a server certificate for 127.0.0.1 that it signed, made at test time with the JDK's
 * keytool, as PEM files: nothing secret is committed.
 *
 * @param ca the CA's certificate, to trust
 * @param cert the server's certificate
 * @param key the server's private key (PKCS#8), mode 0600
 */
public record TestCertificates(Path ca, Path cert, Path key) {
  private static final String STORE_PASSWORD = "test-only";

  /** A new CA named {@code name} and a server certificate it signed, in {@code dir}. */
  public static TestCertificates make(Path dir, String name) throws Exception {
    Files.createDirectories(dir);
    Path caStore = dir.resolve(name + "-ca.p12");
    Path serverStore = dir.resolve(name + "-server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + name + " test CA",
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        caStore.toString());
    Path ca = dir.resolve(name + "-ca.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        caStore.toString(),
        "-file",
        ca.toString());
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        serverStore.toString());
    Path request = dir.resolve(name + "-server.csr");
    keytool(
        "-certreq",
        "-alias",
        "server",
        "-keystore",
        serverStore.toString(),
        "-file",
        request.toString());
    Path cert = dir.resolve(name + "-server.pem");
    keytool(
        "-gencert",
        "-alias",
        "ca",
        "-keystore",
        caStore.toString(),
        "-rfc",
        "-infile",
        request.toString(),
        "-outfile",
        cert.toString(),
        "-validity",
        "2",
        "-ext",
        "san=ip:127.0.0.1,dns:localhost");
    Path key = dir.resolve(name + "-server.key");
    Files.writeString(key, privateKeyPem(serverStore), StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    return new TestCertificates(ca, cert, key);
  }

  private static String privateKeyPem(Path store) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, STORE_PASSWORD.toCharArray());
    }
    Key key = keys.getKey("server", STORE_PASSWORD.toCharArray());
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", STORE_PASSWORD, "-storetype", "PKCS12", "-noprompt"));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
