package dev.multicast.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes into both openers: they must never throw, and must answer either an opened
 * envelope or a reason. {@code mvn verify} replays the seeds under
 * src/test/resources/dev/multicast/security/OpenerFuzzTestInputs/; with {@code JAZZER_FUZZ=1} and
 * one method named in {@code -Dtest}, Jazzer fuzzes that method for {@code maxDuration} and adds
 * any crashing input to those seeds.
 */
class OpenerFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void keyedOpenerAnswersEveryDatagram(byte[] datagram) {
    assertAnswered(TestVector.opener().open(datagram));
  }

  @FuzzTest(maxDuration = "5m")
  void unkeyedOpenerAnswersEveryDatagram(byte[] datagram) {
    assertAnswered(Opener.unkeyed().open(datagram));
  }

  private static void assertAnswered(OpenResult result) {
    assertNotNull(result);
    assertEquals(result instanceof Opened, result.accepted());
  }
}
