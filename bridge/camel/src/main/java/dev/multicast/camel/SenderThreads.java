package dev.multicast.camel;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The I/O threads every multicast sink's senders share, as {@code
 * #class:dev.multicast.camel.SenderThreads#shared} in the sink Kamelet. camel-netty would give each
 * sender, one per target, threads of its own, and a message picks its target: each new one cost a
 * thread, and stopping one holds its thread for a quiet period, so a client sending to many targets
 * grew the threads without bound.
 */
public final class SenderThreads {
  /** Daemon threads: nothing waits for them when the JVM ends. */
  private static final EventLoopGroup SHARED =
      new NioEventLoopGroup(
          Math.min(4, Runtime.getRuntime().availableProcessors()),
          new DefaultThreadFactory("multicast-sender", true));

  private SenderThreads() {}

  /**
   * {@return the event loops every sink of this JVM sends on: at most 4 daemon threads, never shut
   * down}
   */
  public static EventLoopGroup shared() {
    return SHARED;
  }
}
