package dev.multicast.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.support.UnitOfWorkHelper;

/**
 * A batch out of a bounded {@code seda} buffer: the exchange its consumer handed over, and what
 * else waits behind it, for a delivery that sends many in one go ({@link BatchDelivery}, {@link
 * KafkaDelivery}).
 */
final class HeldExchanges {
  /** A batch stops growing past this many payload bytes (a datagram carries up to 65,507). */
  static final int MAX_BATCH_BYTES = 1 << 20;

  private HeldExchanges() {}

  /**
   * {@code first}, then what waits or arrives within {@code lingerNanos} behind it in its buffer:
   * at most {@code batch} exchanges and about {@link #MAX_BATCH_BYTES} of payload.
   */
  static List<Exchange> take(Exchange first, int batch, long lingerNanos)
      throws InterruptedException {
    List<Exchange> held = new ArrayList<>();
    held.add(first);
    Endpoint from = first.getFromEndpoint();
    if (from instanceof SedaEndpoint seda) {
      BlockingQueue<Exchange> queue = seda.getQueue();
      long bytes = size(first);
      long until = System.nanoTime() + lingerNanos;
      while (held.size() < batch && bytes < MAX_BATCH_BYTES) {
        Exchange next = queue.poll();
        if (next == null) {
          long left = until - System.nanoTime();
          next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
          if (next == null) {
            break;
          }
        }
        held.add(next);
        bytes += size(next);
      }
    }
    return held;
  }

  /**
   * Completes the batch's other exchanges once it is delivered: they never reach the seda consumer,
   * so what their routes handed over runs here.
   */
  static void delivered(List<Exchange> held) {
    for (int i = 1; i < held.size(); i++) {
      Exchange other = held.get(i);
      UnitOfWorkHelper.doneSynchronizations(
          other, other.getExchangeExtension().handoverCompletions());
    }
  }

  private static long size(Exchange exchange) {
    byte[] body = exchange.getMessage().getBody(byte[].class);
    return body == null ? 0 : body.length;
  }
}
