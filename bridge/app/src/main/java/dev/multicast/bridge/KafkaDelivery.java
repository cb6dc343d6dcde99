package dev.multicast.bridge;

import dev.multicast.camel.MulticastHeaders;
import dev.multicast.core.Group;
import java.util.List;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;

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
 * <p>Nothing is forgotten before Kafka has acknowledged every record of the batch (the endpoint's
 * idempotent producer with {@code acks=all}): a batch that failed is thrown, and the route's error
 * handler sends it again, whole, as {@code hold-until-delivered} does. Records of it that Kafka had
 * taken then arrive twice, with the same duplicate id.
 *
 * <p>A bean of routes: {@code endpoint} is a {@code kafka:TOPIC} URI with its options, {@code
 * batch} the most records a send carries (1000), {@code linger} in milliseconds.
 */
public class KafkaDelivery extends BatchingDelivery {
  /** The exchange property that keeps a batch for its redelivery. */
  public static final String BATCH = "MulticastKafkaBatch";

  private String uri;
  private volatile Target target;

  public void setEndpoint(String uri) {
    if (!uri.trim().startsWith("kafka:")) {
      throw new IllegalArgumentException(
          "'" + uri + "' is not a kafka: endpoint (expected kafka:TOPIC with its options)");
    }
    this.uri = uri.trim();
  }

  /** The endpoint and a template to send to it, resolved once, on first use. */
  private record Target(Endpoint endpoint, ProducerTemplate template) {}

  @Override
  public void process(Exchange exchange) throws Exception {
    @SuppressWarnings("unchecked")
    List<Exchange> held = exchange.getProperty(BATCH, List.class);
    if (held == null) {
      held = take(exchange);
      held.forEach(KafkaDelivery::keyed);
      exchange.setProperty(BATCH, held);
    }
    Target to = target;
    if (to == null) {
      // Races only resolve the same endpoint twice.
      to =
          target =
              new Target(
                  exchange.getContext().getEndpoint(uri),
                  exchange.getContext().createProducerTemplate());
    }
    // One exchange whose body is the batch: camel-kafka sends each element as a record, with that
    // element's key and headers, and completes when Kafka has acknowledged them all.
    Exchange send = new DefaultExchange(exchange.getContext());
    send.getMessage().setBody(held);
    to.template().send(to.endpoint(), send);
    if (send.getException() != null) {
      throw send.getException();
    }
    exchange.removeProperty(BATCH);
    delivered(held);
  }

  /**
   * The datagrams of the batch this exchange is delivering, while its delivery retries, for the
   * bridge to dead-letter as it stops; none once Kafka has them.
   */
  static List<Exchange> giveUp(Exchange exchange) {
    @SuppressWarnings("unchecked")
    List<Exchange> held = exchange.getProperty(BATCH, List.class);
    return held == null ? List.of() : List.copyOf(held);
  }

  /** The record key and duplicate id of a datagram, set once, before its first attempt. */
  private static void keyed(Exchange exchange) {
    Message message = exchange.getMessage();
    String group = message.getHeader(MulticastHeaders.GROUP, String.class);
    Integer port = message.getHeader(MulticastHeaders.PORT, Integer.class);
    if (group != null && port != null) {
      message.setHeader(KafkaConstants.KEY, Group.of(group, port).toString());
    }
    message.setHeader(MulticastHeaders.DUPLICATE_ID, DuplicateIds.next());
  }
}
