package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.bridge.TestUsers;
import dev.multicast.testing.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad --users and TLS files stop the broker before it listens, in one line with their code. */
class AccessOptionsTest {
  @TempDir Path temp;

  private Cli.Result broker(String... more) {
    String[] args = new String[5 + more.length];
    System.arraycopy(
        new String[] {
          "broker", "--port", Integer.toString(Ports.free()), "--data", temp.toString()
        },
        0,
        args,
        0,
        5);
    System.arraycopy(more, 0, args, 5, more.length);
    return Cli.run(args);
  }

  @Test
  void aUsersFileOthersMayReadExitsSeventySeven() throws Exception {
    Path users = TestUsers.write(temp.resolve("users.txt"));
    Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r-----"));

    Cli.Result result = broker("--users", users.toString());

    assertEquals(ExitCode.PERMISSION.code(), result.exitCode(), result.err());
    assertEquals(
        "multicast broker: users file "
            + users
            + " has mode 0640, so group or others may read or write it (expected 0600: chmod 600 "
            + users
            + ")",
        result.err().strip());
  }

  @Test
  void aUsersFileThatIsNotOneExitsSixtySixNamingTheLine() throws Exception {
    Path users = temp.resolve("users.txt");
    Files.writeString(users, "# fine\nalice:plaintext-password:send\n");
    Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));

    Cli.Result result = broker("--users", users.toString());

    assertEquals(ExitCode.NO_INPUT.code(), result.exitCode(), result.err());
    assertTrue(
        result.err().startsWith("multicast broker: users file " + users + " line 2: "),
        result.err());
    assertTrue(!result.err().contains("plaintext-password"), result.err());
  }

  @Test
  void aTlsCertificateWithoutItsKeyIsAUsageError() {
    Cli.Result result = broker("--tls-cert", temp.resolve("cert.pem").toString());

    assertEquals(ExitCode.USAGE.code(), result.exitCode(), result.err());
    assertTrue(
        result.err().contains("--tls-cert and --tls-key go together (expected both or neither)"),
        result.err());
  }

  @Test
  void aTlsKeyThatHoldsNoKeyExitsSixtySix() throws Exception {
    Path cert = temp.resolve("cert.pem");
    Path key = temp.resolve("key.pem");
    Files.writeString(cert, "not a certificate\n");
    Files.writeString(key, "not a key\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

    Cli.Result result = broker("--tls-cert", cert.toString(), "--tls-key", key.toString());

    assertEquals(ExitCode.NO_INPUT.code(), result.exitCode(), result.err());
    assertTrue(
        result.err().contains("hold no private key with its certificate (expected PEM files"),
        result.err());
  }
}
