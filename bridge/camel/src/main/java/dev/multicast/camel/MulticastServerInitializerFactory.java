package dev.multicast.camel;

import dev.multicast.core.Addresses;
import dev.multicast.core.Group;
import dev.multicast.core.Interfaces;
import dev.multicast.core.MulticastOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.netty.DefaultServerInitializerFactory;
import org.apache.camel.component.netty.NettyConsumer;
import org.apache.camel.component.netty.ServerInitializerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-netty's UDP consumer pipeline, plus the socket set-up for a multicast group that
 * camel-netty does not do right by itself. Whatever address the endpoint URI names, the socket
 * binds the group address and port, as the CLI's receivers do: bound to the wildcard it would also
 * get unicast to the port, from any sender (a source-specific join filters multicast only), and the
 * other groups joined on the port. Then it joins the group on the interface the user named
 * (camel-netty joins on {@code lo} unless told otherwise), for IPv4 and IPv6 groups, and
 * source-specific when a source is given. Its receive buffer is multicast-core's default unless
 * set.
 */
public class MulticastServerInitializerFactory extends ServerInitializerFactory {
  private static final Logger LOG =
      LoggerFactory.getLogger(MulticastServerInitializerFactory.class);

  private InetAddress group;
  private NetworkInterface iface;
  private InetAddress source;
  private int receiveBufferSize = MulticastOptions.DEFAULT_RECEIVE_BUFFER;

  /**
   * Sets the group the source joins.
   *
   * @param group a multicast address literal
   * @throws IllegalArgumentException naming a text that is not one
   */
  public void setGroup(String group) {
    this.group = Group.multicastAddress(group.trim());
  }

  /**
   * Sets the interface the source joins on.
   *
   * @param iface a name such as {@code eth0}, or an address of this host
   * @throws dev.multicast.core.MulticastException when there is no such interface, or it is down
   */
  public void setIface(String iface) {
    this.iface = Interfaces.resolve(iface.trim());
  }

  /**
   * Sets the only sender to accept, for a source-specific join.
   *
   * @param source a unicast address literal; null or empty for any source
   * @throws IllegalArgumentException naming a text that is not a unicast address
   */
  public void setSource(String source) {
    if (source == null || source.isBlank()) {
      this.source = null;
      return;
    }
    InetAddress address = Group.literal(source.trim());
    if (address == null || address.isMulticastAddress()) {
      throw new IllegalArgumentException(
          "'" + source + "' is not a source address (expected the unicast IP address of a sender)");
    }
    this.source = address;
  }

  /**
   * The socket receive buffer asked of the kernel, in bytes (which caps it at {@code
   * net.core.rmem_max}); empty for multicast-core's default, {@link
   * MulticastOptions#DEFAULT_RECEIVE_BUFFER}.
   *
   * @param bytes a positive number of bytes, or empty
   */
  public void setReceiveBufferSize(String bytes) {
    receiveBufferSize = receiveBufferSize(bytes);
  }

  /**
   * A receive buffer size from its text: empty for multicast-core's default, else a number of bytes
   * in {@link MulticastOptions#RECEIVE_BUFFERS}.
   *
   * @throws IllegalArgumentException naming the value and what was expected
   */
  static int receiveBufferSize(String bytes) {
    if (bytes == null || bytes.isBlank()) {
      return MulticastOptions.DEFAULT_RECEIVE_BUFFER;
    }
    return MulticastOptions.RECEIVE_BUFFERS.parseInt(bytes, "a receive buffer size in bytes");
  }

  /** The registry holds the settings; each consumer gets camel-netty's pipeline plus the join. */
  @Override
  public ServerInitializerFactory createPipelineFactory(NettyConsumer consumer) {
    Memberships memberships =
        consumer
            .getEndpoint()
            .getCamelContext()
            .getRegistry()
            .lookupByNameAndType(Memberships.BEAN, Memberships.class);
    InetSocketAddress member =
        new Group(group, consumer.getConfiguration().getPort()).memberAddress(iface);
    String membership =
        group.getHostAddress()
            + ":"
            + member.getPort()
            + " on "
            + iface.getName()
            + (source == null ? "" : " from " + source.getHostAddress());
    if (memberships != null) {
      memberships.joining(membership);
    }
    MulticastMetrics.kernelDrops(
        consumer.getEndpoint().getCamelContext(), Addresses.text(group), member.getPort(), member);
    return new DefaultServerInitializerFactory(consumer) {
      @Override
      protected void initChannel(Channel channel) throws Exception {
        super.initChannel(channel);
        ((DatagramChannel) channel).config().setReceiveBufferSize(receiveBufferSize);
        channel.pipeline().addFirst("multicast-join", new Join(membership, memberships));
        channel.pipeline().addFirst("multicast-bind", new BindGroup(member));
      }
    };
  }

  @Override
  protected void initChannel(Channel channel) {
    throw new UnsupportedOperationException("used only through createPipelineFactory");
  }

  /**
   * Binds the group address in place of the one camel-netty asks for. A failure fails the route's
   * start: falling back to the wildcard would let unicast in again, unnoticed.
   */
  private static final class BindGroup extends ChannelOutboundHandlerAdapter {
    private final InetSocketAddress member;

    BindGroup(InetSocketAddress member) {
      this.member = member;
    }

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress requested, ChannelPromise promise) {
      ctx.bind(member, promise);
    }
  }

  /**
   * Joins once the channel is bound, which is when the JDK accepts a membership; then, once a
   * second, joins again on the interface that replaced the joined one if that went away and came
   * back (a container reconnected to its network gets eth1 where it had eth0), since the kernel
   * dropped the old interface's membership with it.
   */
  private final class Join extends ChannelInboundHandlerAdapter {
    private final String membership;
    private final Memberships memberships;
    private NetworkInterface joined = iface;
    private ScheduledFuture<?> check;

    Join(String membership, Memberships memberships) {
      this.membership = membership;
      this.memberships = memberships;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      DatagramChannel channel = (DatagramChannel) ctx.channel();
      channel.joinGroup(group, joined, source).sync();
      report(null);
      check =
          ctx.executor()
              .scheduleAtFixedRate(() -> rejoinIfReplaced(channel), 1, 1, TimeUnit.SECONDS);
      super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      if (check != null) {
        check.cancel(false);
      }
      if (memberships != null) {
        memberships.left(membership);
      }
      super.channelInactive(ctx);
    }

    /** Tells readiness: joined when {@code problem} is null. */
    private void report(String problem) {
      if (memberships == null) {
        return;
      }
      if (problem == null) {
        memberships.joined(membership);
      } else {
        memberships.lost(membership, problem);
      }
    }

    private void rejoinIfReplaced(DatagramChannel channel) {
      Optional<NetworkInterface> replacement;
      try {
        if (Interfaces.isGone(joined)) {
          report("interface " + joined.getName() + " is gone; joining again when it is back");
        }
        replacement = Interfaces.replacement(joined);
      } catch (SocketException e) {
        return; // Interfaces are changing: looked at again in a second.
      }
      replacement.ifPresent(
          now -> {
            NetworkInterface before = joined;
            joined = now;
            channel
                .joinGroup(group, now, source)
                .addListener(
                    done -> {
                      if (done.isSuccess()) {
                        report(null);
                        LOG.info(
                            "joined {} again on {}, which replaced {}",
                            group.getHostAddress(),
                            now.getName(),
                            before.getName());
                      } else {
                        joined = before; // Not ready yet: tried again in a second.
                      }
                    });
          });
    }
  }
}
