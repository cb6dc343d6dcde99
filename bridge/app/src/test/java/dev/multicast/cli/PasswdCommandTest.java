package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.bridge.access.Role;
import dev.multicast.bridge.access.User;
import dev.multicast.bridge.access.Users;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code multicast passwd}: users with salted hashes in a file only its owner reads. */
class PasswdCommandTest {
  @TempDir Path temp;

  private Cli.Result passwd(Path file, String name, String roles, String stdin) {
    return Cli.run(
        Map.of(),
        stdin.getBytes(StandardCharsets.UTF_8),
        "passwd",
        file.toString(),
        name,
        "--roles",
        roles);
  }

  @Test
  void writesAUserWithAHashOfThePasswordFromStdinsFirstLine() throws Exception {
    Path file = temp.resolve("users.txt");

    Cli.Result result = passwd(file, "alice", "send,receive", "correct horse\nignored\n");

    assertEquals(0, result.exitCode(), result.err());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String content = Files.readString(file);
    assertFalse(content.contains("correct horse"), content);
    assertTrue(content.contains("alice:pbkdf2-sha256$600000$"), content);
    User alice = Users.read(file).authenticate("alice", "correct horse").orElseThrow();
    assertEquals(Set.of(Role.SEND, Role.RECEIVE), alice.roles());
    assertTrue(Users.read(file).authenticate("alice", "ignored").isEmpty());
  }

  @Test
  void replacesAUserOfTheSameNameAndKeepsTheOthers() throws Exception {
    Path file = temp.resolve("users.txt");
    passwd(file, "alice", "send", "first password\n");
    passwd(file, "bob", "receive", "bobs password\n");

    Cli.Result result = passwd(file, "alice", "admin", "second password\n");

    assertEquals(0, result.exitCode(), result.err());
    Users users = Users.read(file);
    assertEquals(2, users.all().size());
    assertTrue(users.authenticate("alice", "first password").isEmpty());
    assertEquals(
        Set.of(Role.ADMIN), users.authenticate("alice", "second password").orElseThrow().roles());
    assertTrue(users.authenticate("bob", "bobs password").isPresent());
  }

  @Test
  void refusesAFileThatOthersMayRead() throws Exception {
    Path file = temp.resolve("users.txt");
    passwd(file, "alice", "send", "first password\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Cli.Result result = passwd(file, "bob", "send", "bobs password\n");

    assertEquals(ExitCode.PERMISSION.code(), result.exitCode());
    assertEquals(
        "multicast passwd: users file "
            + file
            + " has mode 0644, so group or others may read or write it (expected 0600: chmod 600 "
            + file
            + ")",
        result.err().strip());
  }

  @Test
  void helpNamesTheRolesWithExamples() {
    Cli.Result result = Cli.run("passwd", "--help");

    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("Examples:"), result.out());
    assertTrue(result.out().contains("--roles=ROLE"), result.out());
    assertTrue(
        result.out().contains("multicast passwd users.txt app --roles receive"), result.out());
  }

  @Test
  void refusesAShortPassword() {
    Cli.Result result = passwd(temp.resolve("users.txt"), "alice", "send", "short\n");

    assertEquals(ExitCode.USAGE.code(), result.exitCode());
    assertTrue(
        result.err().contains("the password has 5 characters (expected at least 8"), result.err());
    assertFalse(Files.exists(temp.resolve("users.txt")));
  }

  @Test
  void refusesARoleThatIsNotOne() {
    Cli.Result result = passwd(temp.resolve("users.txt"), "alice", "send,root", "long enough\n");

    assertEquals(ExitCode.USAGE.code(), result.exitCode());
    assertTrue(
        result.err().contains("'root' is not a role (expected send, receive or admin)"),
        result.err());
  }

  @Test
  void refusesANameThatCannotBeOne() {
    Cli.Result result = passwd(temp.resolve("users.txt"), "al:ice", "send", "long enough\n");

    assertEquals(ExitCode.USAGE.code(), result.exitCode());
    assertTrue(result.err().contains("'al:ice' is not a user name"), result.err());
  }
}
