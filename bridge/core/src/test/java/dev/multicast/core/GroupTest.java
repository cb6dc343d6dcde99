package dev.multicast.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"224.0.0.1:59259", "239.255.255.255:1", "[ff15::7]:65535", "[ff02::1]:5000"})
  void stringFormRoundTrips(String text) {
    assertEquals(text, Group.parse(text).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "223.255.255.255", "240.0.0.1", "::1", "fe80::1"})
  void rejectsUnicastAddressNamingIt(String address) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Group.of(address, 5000));
    assertEquals(
        "'"
            + address
            + "' is not a multicast address (expected 224.0.0.0 to 239.255.255.255, or ff00::/8)",
        e.getMessage());
  }

  @Test
  void neverLooksUpHostNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Group.of("localhost", 5000));
    assertTrue(e.getMessage().startsWith("'localhost' is not a multicast address"));
  }

  @Test
  void anOctetAbove255IsNotAnAddressNorAName() {
    assertEquals(null, Group.literal("239.1.2.300"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65536})
  void rejectsPortOutOfRange(int port) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Group.of("239.1.2.3", port));
    assertEquals("'" + port + "' is not a port (expected 1 to 65535)", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 65535})
  void acceptsPortBoundaries(int port) {
    assertEquals(port, Group.of("239.1.2.3", port).port());
  }

  @Test
  void rejectsTextWithoutPort() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Group.parse("239.1.2.3"));
    assertEquals(
        "'239.1.2.3' is not a group (expected ADDRESS:PORT, e.g. 239.1.2.3:59259)", e.getMessage());
  }

  @Test
  void knowsItsFamily() {
    assertTrue(Group.parse("[ff15::7]:5000").isIpv6());
  }
}
