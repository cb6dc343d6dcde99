package dev.multicast.camel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.core.Group;
import dev.multicast.testing.Loopback;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The source Kamelet in a plain CamelContext, with nothing bound by the bridge: it takes only the
 * datagrams sent to its group, through real sockets on {@code lo}, and not those of the context's
 * own sinks unless asked to. Each test ends with a datagram that must arrive, sent after the ones
 * that must not from the same host, so that waiting for it shows whether the others would have got
 * in.
 */
class MulticastSourceKameletTest {
  private static final InetAddress SENDER = address("127.0.0.1");
  private static final InetAddress OTHER_SENDER = address("127.0.0.2");

  private final Group group = Loopback.group();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final MeterRegistry metrics = new SimpleMeterRegistry();
  private CamelContext context;

  @AfterEach
  void stop() {
    if (context != null) {
      context.stop();
    }
  }

  @Test
  void receivesWhatIsSentToItsGroup() throws Exception {
    start("");

    send(SENDER, group.socketAddress(), "to the group");

    await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("to the group"));
  }

  @Test
  void unicastToThePortIsNotReceived() throws Exception {
    start("");

    send(SENDER, new InetSocketAddress(SENDER, group.port()), "unicast to 127.0.0.1");
    send(SENDER, new InetSocketAddress(OTHER_SENDER, group.port()), "unicast to 127.0.0.2");
    send(SENDER, group.socketAddress(), "to the group");

    await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("to the group"));
    assertEquals(List.of("to the group"), received);
  }

  @Test
  void anotherGroupOnThePortIsNotReceived() throws Exception {
    Group other = Loopback.group().withPort(group.port());
    try (DatagramChannel otherMember = member(other)) {
      start("");

      send(SENDER, other.socketAddress(), "to another group");
      send(SENDER, group.socketAddress(), "to the group");

      await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("to the group"));
      assertEquals(List.of("to the group"), received);
    }
  }

  @Test
  void aSourceSpecificJoinTakesOnlyItsSendersMulticast() throws Exception {
    start("&source=" + OTHER_SENDER.getHostAddress());

    send(SENDER, group.socketAddress(), "multicast from the wrong sender");
    send(SENDER, new InetSocketAddress(SENDER, group.port()), "unicast from the wrong sender");
    send(OTHER_SENDER, new InetSocketAddress(SENDER, group.port()), "unicast from the source");
    send(OTHER_SENDER, group.socketAddress(), "multicast from the source");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> received.contains("multicast from the source"));
    assertEquals(List.of("multicast from the source"), received);
  }

  @Test
  void whatASinkOfTheSameContextSentIsDropped() throws Exception {
    start("");

    context.createProducerTemplate().sendBody("direct:sink", "from our own sink");
    send(SENDER, group.socketAddress(), "to the group");

    await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("to the group"));
    assertEquals(List.of("to the group"), received);
  }

  @Test
  void whatASinkOfTheSameContextSentIsReceivedWhenAskedFor() throws Exception {
    start("&receiveOwn=true");

    context.createProducerTemplate().sendBody("direct:sink", "from our own sink");

    await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("from our own sink"));
  }

  @Test
  void whatTheKernelDroppedAtAFullSocketIsCounted() throws Exception {
    start("&receiveBufferSize=16384");
    int sent = 20_000;

    try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
      channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, Loopback.iface());
      ByteBuffer payload = ByteBuffer.allocate(100);
      for (int i = 0; i < sent; i++) {
        channel.send(payload.rewind(), group.socketAddress());
      }
    }

    // Every datagram that reached the host was either taken by the source or dropped, counted.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertEquals(sent, received.size() + kernelDropped()));
  }

  /** {@code multicast_kernel_dropped_total} of the test's group. */
  private double kernelDropped() {
    return metrics
        .get("multicast.kernel.dropped")
        .tags("group", group.host(), "port", Integer.toString(group.port()))
        .functionCounter()
        .count();
  }

  /**
   * A context with a route from the source Kamelet on {@code lo}, started and joined, and one from
   * {@code direct:sink} to the sink Kamelet on the same group.
   */
  private void start(String moreParameters) throws Exception {
    context = new DefaultCamelContext();
    context.getRegistry().bind("metrics", metrics);
    context.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("kamelet:multicast-source?group="
                    + group.host()
                    + "&port="
                    + group.port()
                    + "&iface="
                    + Loopback.IFACE
                    + moreParameters)
                .process(e -> received.add(e.getMessage().getBody(String.class)));
            from("direct:sink")
                .to(
                    "kamelet:multicast-sink?group="
                        + group.host()
                        + "&port="
                        + group.port()
                        + "&iface="
                        + Loopback.IFACE);
          }
        });
    context.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> Loopback.isJoined(group));
  }

  /** One datagram from {@code from} (an address of {@code lo}) to {@code to}. */
  private static void send(InetAddress from, InetSocketAddress to, String text) throws IOException {
    try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
      channel.bind(new InetSocketAddress(from, 0));
      channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, Loopback.iface());
      channel.send(ByteBuffer.wrap(text.getBytes(UTF_8)), to);
    }
  }

  /** A socket that has joined {@code other} on {@code lo}, as another application's would. */
  private static DatagramChannel member(Group other) throws IOException {
    DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
    channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    channel.bind(other.socketAddress());
    channel.join(other.address(), Loopback.iface());
    return channel;
  }

  private static InetAddress address(String literal) {
    return Group.literal(literal);
  }
}
