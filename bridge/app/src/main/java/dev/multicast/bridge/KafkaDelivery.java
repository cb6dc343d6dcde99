package dev.multicast.bridge;

import dev.multicast.camel.MulticastHeaders;
import dev.multicast.core.Group;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaProducer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.ObjectHelper;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what a bounded {@code seda} buffer holds to a {@code kafka:} endpoint, many records per
 * send: the exchange the seda consumer hands over, plus what else waits behind it (up to {@link
 * #setBatch(int) batch} and about {@link BatchingDelivery#MAX_BATCH_BYTES} of payload, and what
 * arrives within the {@link BatchingDelivery#setLinger(long) linger}, 2 ms).
 *
 * <p>Each datagram becomes one record: its key is the group as {@code GROUP:PORT} ({@code
 * [IPV6]:PORT}), so a group keeps its order within one partition; its multicast headers are record
 * headers; its value is the payload's bytes. Each also carries a duplicate id ({@link
 * MulticastHeaders#DUPLICATE_ID}) drawn once, when it joins a batch.
 *
 * <p>Batches are pipelined: a batch is handed to the endpoint's idempotent producer ({@code
 * acks=all}), which batches records its own way ({@code lingerMs}, {@code producerBatchSize}) and
 * keeps their order across its requests in flight, and the next batch is taken at once, while up to
 * {@link #setInFlight(int) inFlight} batches wait for Kafka's acknowledgement. Beyond that the
 * delivery waits, and the bounded buffer in front of it fills, then dead-letters what does not fit.
 *
 * <p>Kafka's answer settles each datagram: acknowledged, it is delivered; refused for a passing
 * reason (Kafka unreachable beyond the producer's own retries, {@code deliveryTimeoutMs}), its
 * batch is held and sent again, whole, after {@link #RESEND_DELAY}, as {@code hold-until-delivered}
 * would, and records of it that Kafka had taken then arrive twice, with the same duplicate id;
 * refused for good (a record too large, no authorization), it is dead-lettered with Kafka's reason.
 * Nothing is forgotten before it is settled: as the bridge stops, what is still unsettled after a
 * bounded wait is dead-lettered ({@link BatchingDelivery#giveUp()}).
 *
 * <p>A bean of routes: {@code endpoint} is a {@code kafka:TOPIC} URI with its options, {@code
 * batch} the most records a batch carries (1000), {@code linger} in milliseconds, {@code inFlight}
 * the most batches waiting for Kafka at once ({@value #DEFAULT_IN_FLIGHT}).
 */
public class KafkaDelivery extends BatchingDelivery {
  /** How many batches may wait for Kafka's acknowledgement at once, unless told otherwise. */
  public static final int DEFAULT_IN_FLIGHT = 5;

  /** How long a batch refused for a passing reason waits before it is sent again. */
  static final Duration RESEND_DELAY = Duration.ofMillis(500);

  /** How often a batch that waits for room in flight looks whether the bridge gave it up. */
  private static final Duration GIVE_UP_CHECK = Duration.ofMillis(100);

  /**
   * How long the producer may take to close as the bridge stops, after the bridge's own wait for
   * what is unsettled: what it still holds then has been dead-lettered already.
   */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

  /** Why a batch that was stopped while it waited for room in flight is dead-lettered. */
  static final String INTERRUPTED = "interrupted while it waited to be sent to Kafka";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaDelivery.class);

  private String uri;
  private Semaphore inFlight = new Semaphore(DEFAULT_IN_FLIGHT);
  private volatile Target target;
  private volatile Key lastKey;

  public void setEndpoint(String uri) {
    if (!uri.trim().startsWith("kafka:")) {
      throw new IllegalArgumentException(
          "'" + uri + "' is not a kafka: endpoint (expected kafka:TOPIC with its options)");
    }
    this.uri = uri.trim();
  }

  /** The most batches that wait for Kafka's acknowledgement at once. */
  public void setInFlight(int batches) {
    if (batches < 1) {
      throw new IllegalArgumentException(
          "'" + batches + "' is not a number of batches in flight (expected 1 or more)");
    }
    this.inFlight = new Semaphore(batches);
  }

  @Override
  public void process(Exchange exchange) throws InterruptedException {
    List<Exchange> batch = take(exchange);
    // The seda consumer's own exchange stays out of camel-kafka, which marks each record's exchange
    // with its failure, maybe after this returns: its error handler would send it a second time.
    batch.set(0, exchange.copy());
    batch.forEach(this::keyed);
    Target to = target(exchange.getContext());
    // Unsettled before it waits for room: the bridge that stops meanwhile dead-letters it.
    unsettled(batch);
    try {
      while (!inFlight.tryAcquire(GIVE_UP_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
        if (givenUp(batch)) {
          return; // dead-lettered already, as the bridge stopped
        }
      }
    } catch (InterruptedException e) {
      if (settled(batch)) {
        deadLetter(to.context(), batch, new IllegalStateException(INTERRUPTED));
      }
      Thread.currentThread().interrupt();
      return;
    }
    send(to, batch);
  }

  /** One attempt: the records go to the producer, and Kafka's answer settles them. */
  private void send(Target to, List<Exchange> batch) {
    // One exchange whose body is the batch: camel-kafka sends each element as a record, with that
    // element's key and headers, marks each element that failed with its exception, and calls
    // back once Kafka has answered for all of them.
    Exchange send = new DefaultExchange(to.context());
    send.getMessage().setBody(batch);
    to.producer().process(send, doneSync -> settle(to, batch, send.getException()));
  }

  /**
   * Settles each datagram of a batch Kafka has answered for: delivered, held to be sent again, or
   * dead-lettered with Kafka's reason.
   *
   * @param whole what failed the batch as a whole, before Kafka answered for each record, or null
   */
  private void settle(Target to, List<Exchange> batch, Exception whole) {
    if (givenUp(batch)) {
      inFlight.release(); // dead-lettered already, as the bridge stopped
      return;
    }
    List<Exchange> failed = batch.stream().filter(one -> one.getException() != null).toList();
    if (failed.isEmpty() && whole != null) {
      batch.forEach(one -> one.setException(whole));
      failed = batch;
    }
    if (failed.stream().anyMatch(one -> isPassing(one.getException()))) {
      LOG.debug(
          "Kafka did not take {} of a batch of {}; sending it again",
          failed.size(),
          batch.size(),
          failed.get(0).getException());
      batch.forEach(one -> one.setException(null));
      to.resends().schedule(() -> send(to, batch), RESEND_DELAY.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    inFlight.release();
    if (settled(batch)) {
      if (!failed.isEmpty()) {
        LOG.warn(
            "Kafka refused {} of a batch of {}: dead-lettered ({})",
            failed.size(),
            batch.size(),
            failed.get(0).getException().getMessage());
      }
      for (Exchange one : failed) {
        Exception reason = one.getException();
        one.setException(null);
        deadLetter(to.context(), one, reason);
      }
      delivered(batch);
    }
  }

  /** Whether Kafka may take it later: unreachable, a leader that moves, a timeout. */
  private static boolean isPassing(Exception failure) {
    return ObjectHelper.getException(RetriableException.class, failure) != null;
  }

  private static void deadLetter(CamelContext context, List<Exchange> batch, Exception reason) {
    batch.forEach(one -> deadLetter(context, one, reason));
  }

  private static void deadLetter(CamelContext context, Exchange exchange, Exception reason) {
    try {
      DeadLetters.of(context).add(exchange, reason);
    } catch (IOException | RuntimeException e) {
      LOG.error(
          "could not dead-letter a datagram Kafka did not take ({}): {}",
          reason.getMessage(),
          e.getMessage());
    }
  }

  /**
   * The endpoint's producer and a thread to send again on, made once, on first use, and closed with
   * the context.
   */
  private record Target(
      CamelContext context, AsyncProducer producer, ScheduledExecutorService resends) {}

  private Target target(CamelContext context) {
    Target to = target;
    if (to == null) {
      synchronized (this) {
        to = target;
        if (to == null) {
          to = target = open(context);
        }
      }
    }
    return to;
  }

  private Target open(CamelContext context) {
    try {
      AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
      ScheduledExecutorService resends =
          context
              .getExecutorServiceManager()
              .newSingleThreadScheduledExecutor(this, "KafkaDelivery resends");
      Target to = new Target(context, producer, resends);
      // Services stop in the reverse order: the bounded close before camel-kafka's own, which
      // would otherwise wait as long as the producer's delivery timeout when Kafka is away.
      context.addService(producer, true, true);
      context.addService(new BoundedClose(to), true, true);
      return to;
    } catch (Exception e) {
      throw new IllegalStateException("cannot open a Kafka producer for " + uri, e);
    }
  }

  /** Closes the Kafka producer within {@link #CLOSE_WAIT} as the context stops. */
  private static final class BoundedClose extends ServiceSupport {
    private final Target target;

    BoundedClose(Target target) {
      this.target = target;
    }

    @Override
    protected void doStop() {
      target.resends().shutdownNow();
      if (target.producer() instanceof KafkaProducer camel && camel.getKafkaProducer() != null) {
        camel.getKafkaProducer().close(CLOSE_WAIT);
      }
    }
  }

  /** The record key and duplicate id of a datagram, set once, before its first attempt. */
  private void keyed(Exchange exchange) {
    Message message = exchange.getMessage();
    String group = message.getHeader(MulticastHeaders.GROUP, String.class);
    Integer port = message.getHeader(MulticastHeaders.PORT, Integer.class);
    if (group != null && port != null) {
      message.setHeader(KafkaConstants.KEY, key(group, port));
    }
    message.setHeader(MulticastHeaders.DUPLICATE_ID, DuplicateIds.next());
  }

  /**
   * A group's record key, {@code GROUP:PORT}; the last one is kept, since parsing the address for
   * each datagram took a tenth of the delivery thread's time (JFR, bench/kafka).
   */
  private String key(String group, int port) {
    Key last = lastKey;
    if (last == null || last.port() != port || !last.group().equals(group)) {
      last = lastKey = new Key(group, port, Group.of(group, port).toString());
    }
    return last.key();
  }

  /** A group's address and port as its headers give them, and its record key. */
  private record Key(String group, int port, String key) {}
}
