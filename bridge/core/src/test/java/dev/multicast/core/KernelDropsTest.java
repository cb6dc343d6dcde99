package dev.multicast.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.multicast.testing.Loopback;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the kernel discards at a receiver that falls behind is counted: a receiver with a small
 * buffer that reads nothing while a burst arrives, then drains what was kept.
 */
class KernelDropsTest {
  private static final int BURST = 5_000;

  @Test
  void receivedAndDroppedAddUpToWhatWasSent() {
    assumeTrue(KernelDrops.ofThisProcess().available(), "this system does not show UDP drops");
    Group group = Loopback.group();
    MulticastOptions smallBuffer = Loopback.options().receiveBufferSize(16 * 1024);
    try (Receiver receiver = Receiver.open(List.of(group), smallBuffer);
        Sender sender = Sender.open(group, Loopback.options())) {
      assertEquals(0, receiver.kernelDrops().orElseThrow());
      byte[] payload = new byte[100];
      for (int i = 0; i < BURST; i++) {
        sender.send(payload);
      }
      // lo delivers within send(): whatever the buffer did not keep is already dropped.
      int received = 0;
      while (receiver.receive(Duration.ofMillis(200)).isPresent()) {
        received++;
      }
      long dropped = receiver.kernelDrops().orElseThrow();
      assertTrue(dropped > 0, "a 16 KiB buffer cannot hold " + BURST + " datagrams");
      assertEquals(BURST, received + dropped);
    }
  }

  @Test
  void aSocketOfAnotherGroupDoesNotCount() {
    assumeTrue(KernelDrops.ofThisProcess().available(), "this system does not show UDP drops");
    Group group = Loopback.group();
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      InetSocketAddress elsewhere = new InetSocketAddress(Loopback.group().address(), group.port());
      assertEquals(0, KernelDrops.ofThisProcess().count(elsewhere).orElseThrow());
    }
  }

  @Test
  void addressesAreWrittenAsTheKernelWritesThem() throws Exception {
    InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("239.255.0.1"), 50000);
    assertEquals("0100FFEF:C350", KernelDrops.procText(local));
    InetSocketAddress six = new InetSocketAddress(InetAddress.getByName("ff02::1"), 59259);
    assertEquals("000002FF000000000000000001000000:E77B", KernelDrops.procText(six));
  }
}
