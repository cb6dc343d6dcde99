package dev.multicast.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupKeyTest {
  @TempDir Path dir;

  @Test
  void writtenKeyReadsBackAsTheSameKey() {
    GroupKey key = GroupKey.generate();
    Path file = dir.resolve("group.key");
    key.write(file);
    GroupKey read = GroupKey.read(file);
    assertEquals(key.keyId(), read.keyId());
    byte[] envelope = Sealer.keyed(EnvelopeMode.SEAL, key).encode(TestVector.PAYLOAD);
    assertTrue(Opener.keyed(read).open(envelope).accepted());
  }

  @Test
  void fileIsOneLineOfBase64ThatOnlyItsOwnerMayReadAndWrite() throws IOException {
    Path file = dir.resolve("group.key");
    TestVector.KEY.write(file);
    assertEquals(
        Base64.getEncoder().encodeToString(TestVector.KEY_BYTES) + "\n", Files.readString(file));
    assertEquals(45, Files.size(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void neverOverwritesAFile() throws IOException {
    Path file = dir.resolve("group.key");
    Files.writeString(file, "precious");
    KeyFileException e =
        assertThrows(KeyFileException.class, () -> GroupKey.generate().write(file));
    assertEquals(KeyFileException.Reason.EXISTS, e.reason());
    assertEquals(
        "key file " + file + " already exists; a key is never overwritten (expected a new path)",
        e.getMessage());
    assertEquals("precious", Files.readString(file));
  }

  @Test
  void aPipeIsMalformedNotWaitedOn() throws Exception {
    Path pipe = dir.resolve("key.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", "-m", "600", pipe.toString()).start().waitFor());

    KeyFileException e = assertThrows(KeyFileException.class, () -> GroupKey.read(pipe));

    assertEquals(KeyFileException.Reason.MALFORMED, e.reason());
    assertEquals(
        "key file " + pipe + " is not a regular file (expected a file holding a group key)",
        e.getMessage());
  }

  @Test
  void writingIntoAMissingDirectoryIsUnwritable() {
    Path file = dir.resolve("no/such/group.key");
    KeyFileException e =
        assertThrows(KeyFileException.class, () -> GroupKey.generate().write(file));
    assertEquals(KeyFileException.Reason.UNWRITABLE, e.reason());
    assertEquals(
        "cannot write key file "
            + file
            + ": its directory does not exist (expected an existing directory)",
        e.getMessage());
  }

  @Test
  void readsAKeyWithoutItsNewline() throws IOException {
    Path file = keyFile(Base64.getEncoder().encodeToString(TestVector.KEY_BYTES));
    assertEquals(TestVector.KEY_ID, GroupKey.read(file).keyId());
  }

  @Test
  void missingFileIsMissing() {
    Path file = dir.resolve("absent.key");
    KeyFileException e = assertThrows(KeyFileException.class, () -> GroupKey.read(file));
    assertEquals(KeyFileException.Reason.MISSING, e.reason());
    assertEquals(
        "key file " + file + " does not exist (expected a file holding a group key)",
        e.getMessage());
  }

  @Test
  void fileThisUserCannotReadIsUnreadable() throws IOException {
    Path file = keyFile(Base64.getEncoder().encodeToString(TestVector.KEY_BYTES));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(file), "this user (root) reads files whatever their mode");
    KeyFileException e = assertThrows(KeyFileException.class, () -> GroupKey.read(file));
    assertEquals(KeyFileException.Reason.UNREADABLE, e.reason());
    assertEquals(
        "cannot read key file " + file + ": permission denied (expected a file this user can read)",
        e.getMessage());
  }

  @Test
  void textThatIsNotBase64IsMalformedAndNotQuoted() throws IOException {
    Path file = keyFile("s3cret-not-base64!\n");
    KeyFileException e = assertThrows(KeyFileException.class, () -> GroupKey.read(file));
    assertEquals(KeyFileException.Reason.MALFORMED, e.reason());
    assertEquals(
        "key file "
            + file
            + " is not base64 (expected one key a line, newest first: 32 bytes in standard base64, 44 characters)",
        e.getMessage());
  }

  @Test
  void keyOfAnotherLengthIsMalformedSayingHowLong() throws IOException {
    String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
    Path file = keyFile(sixteen + "\n");
    KeyFileException e = assertThrows(KeyFileException.class, () -> GroupKey.read(file));
    assertEquals(KeyFileException.Reason.MALFORMED, e.reason());
    assertEquals(
        "key file "
            + file
            + " holds 16 bytes (expected one key a line, newest first: 32 bytes in standard base64, 44 characters)",
        e.getMessage());
    assertFalse(e.getMessage().contains(sixteen));
  }

  @Test
  void directoryIsMalformed() {
    KeyFileException e = assertThrows(KeyFileException.class, () -> GroupKey.read(dir));
    assertEquals(KeyFileException.Reason.MALFORMED, e.reason());
    assertEquals(
        "key file " + dir + " is a directory (expected a file holding a group key)",
        e.getMessage());
  }

  @Test
  void fileOthersMayReadIsExposedWithTheCommandThatFixesIt() throws IOException {
    Path file = keyFile(Base64.getEncoder().encodeToString(TestVector.KEY_BYTES));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    KeyFileException e = assertThrows(KeyFileException.class, () -> GroupKey.read(file));
    assertEquals(KeyFileException.Reason.EXPOSED, e.reason());
    assertEquals(
        "key file "
            + file
            + " has mode 0644, so group or others may read or write it (expected 0600: chmod 600 "
            + file
            + ")",
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r-----", "rw--w----", "rw----r--", "rw-----w-", "r--r--r--"})
  void fileGroupOrOthersMayReadOrWriteIsExposed(String mode) throws IOException {
    Path file = keyFile(Base64.getEncoder().encodeToString(TestVector.KEY_BYTES));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    KeyFileException e = assertThrows(KeyFileException.class, () -> GroupKey.read(file));
    assertEquals(KeyFileException.Reason.EXPOSED, e.reason());
  }

  @Test
  void executeBitsForGroupAndOthersDoNotExposeTheKey() throws IOException {
    Path file = keyFile(Base64.getEncoder().encodeToString(TestVector.KEY_BYTES));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw---x--x"));
    assertEquals(TestVector.KEY_ID, GroupKey.read(file).keyId());
  }

  @Test
  void toStringShowsTheKeyIdOnly() {
    assertEquals("GroupKey[id=fa7998f4]", TestVector.KEY.toString());
  }

  @Test
  void keyOfAnotherLengthIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GroupKey.of(new byte[31]));
    assertEquals("a group key is 32 bytes, not 31", e.getMessage());
  }

  /** A file holding {@code text}, owner-only like a real key file. */
  private Path keyFile(String text) throws IOException {
    Path file = dir.resolve("group.key");
    Files.write(file, text.getBytes(StandardCharsets.US_ASCII));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
