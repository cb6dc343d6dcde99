package dev.multicast.camel;

import dev.multicast.core.MulticastOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import org.apache.camel.component.netty.ClientInitializerFactory;
import org.apache.camel.component.netty.DefaultClientInitializerFactory;
import org.apache.camel.component.netty.NettyProducer;

/**
 * camel-netty's UDP producer pipeline, plus what a multicast sender needs that its options do not
 * set: the TTL, and loopback with the JDK's meaning (Netty's own loopback option is inverted on
 * NIO). Each channel's local port is registered with the context's {@link Emitters} while it is
 * open.
 */
public class MulticastClientInitializerFactory extends ClientInitializerFactory {
  private final int ttl;
  private final boolean loop;

  /**
   * Made by the sink Kamelet for each target it sends to, as {@code
   * #class:dev.multicast.camel.MulticastClientInitializerFactory(ttl, loop)}.
   *
   * @param ttl hops, 0 to 255
   * @param loop whether this host's own receivers get the datagrams
   * @throws IllegalArgumentException naming a TTL out of range
   */
  public MulticastClientInitializerFactory(int ttl, boolean loop) {
    this.ttl = MulticastOptions.checkTtl(ttl);
    this.loop = loop;
  }

  /** Each producer gets camel-netty's pipeline plus ours. */
  @Override
  public ClientInitializerFactory createPipelineFactory(NettyProducer producer) {
    Emitters emitters = Emitters.of(producer.getEndpoint().getCamelContext());
    return new DefaultClientInitializerFactory(producer) {
      @Override
      protected void initChannel(Channel channel) throws Exception {
        super.initChannel(channel);
        configure(channel, emitters);
      }
    };
  }

  @Override
  protected void initChannel(Channel channel) {
    throw new UnsupportedOperationException("used only through createPipelineFactory");
  }

  private void configure(Channel channel, Emitters emitters) {
    if (channel instanceof DatagramChannel datagram) {
      datagram.config().setTimeToLive(ttl);
      datagram
          .config()
          .setOption(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_LOOP), loop);
    }
    channel.pipeline().addFirst("multicast-emitter", new EmitterRegistration(emitters));
  }

  /**
   * Registers the channel's local port before its first datagram leaves (channelActive can come
   * after the first write, and the datagram loops back at once), and lets it go when it closes.
   */
  private static final class EmitterRegistration extends ChannelDuplexHandler {
    private final Emitters emitters;
    private boolean registered;

    EmitterRegistration(Emitters emitters) {
      this.emitters = emitters;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
        throws Exception {
      if (!registered && ctx.channel().localAddress() instanceof InetSocketAddress local) {
        emitters.add(local);
        registered = true;
      }
      super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      if (ctx.channel().localAddress() instanceof InetSocketAddress local) {
        emitters.remove(local);
      }
      super.channelInactive(ctx);
    }
  }
}
