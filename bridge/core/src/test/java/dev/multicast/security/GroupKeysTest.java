package dev.multicast.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files of several keys: senders use the first, receivers accept any, rotation in steps. */
class GroupKeysTest {
  private static final byte[] PAYLOAD = {1, 2, 3};

  @TempDir Path dir;

  @Test
  void rotatePutsANewKeyFirstAndKeepsThePreviousOne() {
    Path file = dir.resolve("group.key");
    GroupKey old = GroupKey.generate();
    old.write(file);
    GroupKeys rotated = GroupKeys.rotate(file);
    assertEquals(2, rotated.all().size());
    assertEquals(old.keyId(), rotated.all().get(1).keyId());
    assertEquals(ids(rotated), ids(GroupKeys.read(file)));
    assertEquals(rotated.current().keyId(), GroupKey.read(file).keyId());
  }

  @Test
  void aRotatedFileIsStillOnlyItsOwners() throws IOException {
    Path file = dir.resolve("group.key");
    GroupKey.generate().write(file);
    GroupKeys.rotate(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(2 * 45, Files.size(file));
    assertFalse(Files.exists(dir.resolve(".group.key.new")), "no file left beside it");
  }

  @Test
  void retireKeepsOnlyTheCurrentKey() {
    Path file = dir.resolve("group.key");
    GroupKey.generate().write(file);
    GroupKeys rotated = GroupKeys.rotate(file);
    GroupKeys retired = GroupKeys.retire(file);
    assertEquals(List.of(rotated.current().keyId()), ids(retired));
    assertEquals(ids(retired), ids(GroupKeys.read(file)));
  }

  @Test
  void theOldestKeysGoPastTheLimit() {
    Path file = dir.resolve("group.key");
    GroupKey first = GroupKey.generate();
    first.write(file);
    for (int i = 0; i < GroupKey.MAX_KEYS; i++) {
      GroupKeys.rotate(file);
    }
    GroupKeys keys = GroupKeys.read(file);
    assertEquals(GroupKey.MAX_KEYS, keys.all().size());
    assertTrue(keys.find(first.keyId()).isEmpty());
  }

  @Test
  void aReceiverOpensWhatEitherKeyMadeAndNothingElse() {
    GroupKey old = GroupKey.generate();
    GroupKey current = GroupKey.generate();
    Opener opener = opener(current, old);
    for (EnvelopeMode mode : List.of(EnvelopeMode.AUTH, EnvelopeMode.SEAL)) {
      assertTrue(opener.open(Sealer.keyed(mode, old).encode(PAYLOAD)).accepted(), mode + " old");
      assertTrue(opener.open(Sealer.keyed(mode, current).encode(PAYLOAD)).accepted(), mode + "");
      assertEquals(
          RejectReason.WRONG_KEY,
          opener.open(Sealer.keyed(mode, GroupKey.generate()).encode(PAYLOAD)));
    }
  }

  @Test
  void aRekeyedOpenerForgetsARetiredKeyButNotWhatItSaw() {
    GroupKey old = GroupKey.generate();
    GroupKey current = GroupKey.generate();
    Opener opener = opener(current, old);
    byte[] sealed = Sealer.keyed(EnvelopeMode.AUTH, current).encode(PAYLOAD);
    assertTrue(opener.open(sealed).accepted());
    opener.rekey(GroupKeys.of(current));
    assertEquals(
        RejectReason.WRONG_KEY, opener.open(Sealer.keyed(EnvelopeMode.AUTH, old).encode(PAYLOAD)));
    assertEquals(RejectReason.REPLAY, opener.open(sealed));
  }

  @Test
  void aRekeyedSealerGoesOnCountingUnderTheNewKey() {
    GroupKey old = GroupKey.generate();
    GroupKey current = GroupKey.generate();
    Sealer sealer = Sealer.keyed(EnvelopeMode.SEAL, old);
    Opener opener = opener(current, old);
    LossCounter loss = new LossCounter();
    List<byte[]> sent = new ArrayList<>();
    sent.add(sealer.encode(PAYLOAD));
    sealer.rekey(current);
    sent.add(sealer.encode(PAYLOAD));
    for (byte[] envelope : sent) {
      loss.record((Opened) opener.open(envelope));
    }
    assertEquals(current.keyId(), Envelope.readInt(sent.get(1), Envelope.KEY_ID_OFFSET));
    assertEquals(new LossStats(2, 0, 0, 0), loss.total());
  }

  @Test
  void aFileThatRepeatsAKeyIsMalformed() throws IOException {
    Path file = dir.resolve("group.key");
    GroupKey.generate().write(file);
    String line = Files.readString(file);
    Files.writeString(file, line + line);
    KeyFileException e = assertThrows(KeyFileException.class, () -> GroupKeys.read(file));
    assertEquals(KeyFileException.Reason.MALFORMED, e.reason());
    assertTrue(e.getMessage().startsWith("key file " + file + " line 2 repeats a key"));
  }

  @Test
  void anEmptyFileHoldsNoKey() throws IOException {
    Path file = dir.resolve("group.key");
    Files.writeString(file, "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    KeyFileException e = assertThrows(KeyFileException.class, () -> GroupKeys.read(file));
    assertTrue(e.getMessage().startsWith("key file " + file + " holds no key"), e.getMessage());
  }

  private static List<Integer> ids(GroupKeys keys) {
    return keys.all().stream().map(GroupKey::keyId).toList();
  }

  /** A receiver's opener holding these keys, the first the current one. */
  private static Opener opener(GroupKey... keys) {
    return Opener.keyed(GroupKeys.of(keys), Duration.ofSeconds(30), InstantSource.system());
  }
}
