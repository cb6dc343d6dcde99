package dev.multicast.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>A batch is unsettled from when it is taken until it is delivered. As the bridge stops, it
 * waits a bounded time for the unsettled batches of every delivery, then {@link #giveUp() gives up}
 * the rest into its dead letters, so that none vanishes.
 */
public abstract class BatchingDelivery implements Processor {
  /** A batch stops growing past this many payload bytes (a datagram carries up to 65,507). */
  static final int MAX_BATCH_BYTES = 1 << 20;

  private int batch = 1000;
  private long lingerNanos = TimeUnit.MILLISECONDS.toNanos(2);

  /** The unsettled batches, by their first exchange. */
  private final Map<Exchange, List<Exchange>> unsettled = new ConcurrentHashMap<>();

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

  /** Marks a batch taken: it stays unsettled until {@link #settled} or {@link #giveUp}. */
  protected void unsettled(List<Exchange> batch) {
    unsettled.put(batch.get(0), batch);
  }

  /**
   * Marks a batch delivered (or dead-lettered here).
   *
   * @return false when it had been given up already, as the bridge stopped
   */
  protected boolean settled(List<Exchange> batch) {
    return unsettled.remove(batch.get(0), batch);
  }

  /** Whether the bridge gave this batch up as it stopped. */
  protected boolean givenUp(List<Exchange> batch) {
    return !batch.equals(unsettled.get(batch.get(0)));
  }

  /** How many datagrams this delivery has taken and not yet delivered. */
  public int unsettled() {
    return unsettled.values().stream().mapToInt(List::size).sum();
  }

  /**
   * The datagrams of every unsettled batch, for the bridge to dead-letter as it stops; a delivery
   * that still runs for them ends quietly. A batch delivered after all, in the bridge's last
   * seconds, is then both delivered and dead-lettered.
   */
  public List<Exchange> giveUp() {
    List<Exchange> left = new ArrayList<>();
    for (Exchange first : List.copyOf(unsettled.keySet())) {
      List<Exchange> batch = unsettled.remove(first);
      if (batch != null) {
        left.addAll(batch);
      }
    }
    return left;
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
