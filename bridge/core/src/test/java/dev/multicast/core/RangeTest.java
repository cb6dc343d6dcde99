package dev.multicast.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeTest {
  private static final Range TTLS = Range.of(0, 255);

  @ParameterizedTest
  @CsvSource({"0,0", "255,255", "' 7 ',7"})
  void parsesWholeNumbersWithinItsBoundsBlanksAside(String text, long value) {
    assertEquals(value, TTLS.parse(text, "a TTL"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "256", "abc", "", "1.5", "99999999999999999999"})
  void rejectsWhatIsNotInRangeNamingTheTextAndTheBounds(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TTLS.parse(text, "a TTL"));
    assertEquals("'" + text + "' is not a TTL (expected 0 to 255)", e.getMessage());
  }

  @Test
  void checksANumberAsItParsesText() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TTLS.checkInt(300, "a TTL"));
    assertEquals("'300' is not a TTL (expected 0 to 255)", e.getMessage());
    assertEquals(255, TTLS.checkInt(255, "a TTL"));
  }

  @Test
  void aRangeWithoutUpperBoundSaysOrMore() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Range.atLeast(1).parse("0", "a count"));
    assertEquals("'0' is not a count (expected 1 or more)", e.getMessage());
    assertEquals(Long.MAX_VALUE, Range.atLeast(1).parse("" + Long.MAX_VALUE, "a count"));
  }

  @Test
  void anEmptyRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Range.of(2, 1));
  }

  @Test
  void multicastOptionsAndGroupsShareTheirRules() {
    IllegalArgumentException ttl =
        assertThrows(IllegalArgumentException.class, () -> MulticastOptions.defaults().ttl(256));
    assertEquals("'256' is not a TTL (expected 0 to 255)", ttl.getMessage());
    assertEquals(Range.of(1, 65535), Group.PORTS);
  }
}
