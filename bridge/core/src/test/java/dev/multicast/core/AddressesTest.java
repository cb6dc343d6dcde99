package dev.multicast.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {
  @ParameterizedTest
  @CsvSource({
    "ff15:0:0:0:0:0:0:7, ff15::7",
    "0:0:0:0:0:0:0:1, ::1",
    "fe80:0:0:0:1:0:0:1, fe80::1:0:0:1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "0:0:0:0:0:0:0:0, ::",
    "ff02:0:0:0:0:0:1:0, ff02::1:0",
    "239.1.2.3, 239.1.2.3"
  })
  void writesAddressesInRfc5952Form(String address, String expected) throws Exception {
    assertEquals(expected, Addresses.text(InetAddress.getByName(address)));
  }

  @Test
  void bracketsIpv6SocketAddresses() throws Exception {
    assertEquals(
        "[ff15::7]:5000",
        Addresses.text(new InetSocketAddress(InetAddress.getByName("ff15::7"), 5000)));
  }
}
