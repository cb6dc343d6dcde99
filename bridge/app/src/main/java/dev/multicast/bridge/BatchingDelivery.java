package dev.multicast.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.support.UnitOfWorkHelper;

/**
 * A delivery that takes what a bounded {@code seda} buffer holds in batches: the exchange its
 * consumer handed over, and what else waits behind it (up to {@link #setBatch(int) batch} exchanges
 * and about {@link #MAX_BATCH_BYTES} of payload, and what arrives within the {@link
 * #setLinger(long) linger}, 2 ms), to send in one go ({@link BatchDelivery}, {@link
 * KafkaDelivery}). A batch never waits longer than the linger to fill.
 */
public abstract class BatchingDelivery implements Processor {
  /** A batch stops growing past this many payload bytes (a datagram carries up to 65,507). */
  static final int MAX_BATCH_BYTES = 1 << 20;

  private int batch = 1000;
  private long lingerNanos = TimeUnit.MILLISECONDS.toNanos(2);

  public void setBatch(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException(
          "'" + batch + "' is not a batch size (expected 1 or more)");
    }
    this.batch = batch;
  }

  /** How long a batch waits for more exchanges while it has fewer than {@code batch}. */
  public void setLinger(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException(
          "'" + millis + "' is not a linger (expected 0 or more milliseconds)");
    }
    this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(millis);
  }

  /** {@code first}, then what waits or arrives within the linger behind it in its buffer. */
  protected List<Exchange> take(Exchange first) throws InterruptedException {
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
  protected static void delivered(List<Exchange> held) {
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
