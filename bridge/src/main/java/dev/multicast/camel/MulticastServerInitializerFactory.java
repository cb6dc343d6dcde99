package dev.multicast.camel;

import dev.multicast.core.Group;
import dev.multicast.core.Interfaces;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetAddress;
import java.net.NetworkInterface;
import org.apache.camel.component.netty.DefaultServerInitializerFactory;
import org.apache.camel.component.netty.NettyConsumer;
import org.apache.camel.component.netty.ServerInitializerFactory;

/**
 * camel-netty's UDP consumer pipeline, plus the group join camel-netty does not do right by itself:
 * on the interface the user named (camel-netty joins on {@code lo} unless told otherwise), for IPv4
 * and IPv6 groups, and source-specific when a source is given. The consumer binds the wildcard
 * address; the JDK's sockets receive only the groups they joined.
 */
public class MulticastServerInitializerFactory extends ServerInitializerFactory {
  private InetAddress group;
  private NetworkInterface iface;
  private InetAddress source;

  public void setGroup(String group) {
    this.group = Group.multicastAddress(group.trim());
  }

  public void setIface(String iface) {
    this.iface = Interfaces.resolve(iface.trim());
  }

  /** A sender address for a source-specific join; empty for any source. */
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

  /** The registry holds the settings; each consumer gets camel-netty's pipeline plus the join. */
  @Override
  public ServerInitializerFactory createPipelineFactory(NettyConsumer consumer) {
    return new DefaultServerInitializerFactory(consumer) {
      @Override
      protected void initChannel(Channel channel) throws Exception {
        super.initChannel(channel);
        channel.pipeline().addFirst("multicast-join", new Join());
      }
    };
  }

  @Override
  protected void initChannel(Channel channel) {
    throw new UnsupportedOperationException("used only through createPipelineFactory");
  }

  /** Joins once the channel is bound, which is when the JDK accepts a membership. */
  private final class Join extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      DatagramChannel channel = (DatagramChannel) ctx.channel();
      if (source == null) {
        channel.joinGroup(group, iface, null).sync();
      } else {
        channel.joinGroup(group, iface, source).sync();
      }
      super.channelActive(ctx);
    }
  }
}
