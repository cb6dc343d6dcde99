package dev.multicast.bridge;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.List;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsBinding;
import org.apache.camel.component.jms.JmsConfiguration;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.SessionProxy;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.support.JmsUtils;

/**
 * Delivers what a bounded {@code seda} buffer holds to a {@code jms:} endpoint, many messages to
 * one transaction: the exchange the seda consumer hands over, plus what else is waiting in the same
 * buffer (up to {@link BatchingDelivery#setBatch(int) batch} messages and about {@link
 * BatchingDelivery#MAX_BATCH_BYTES} of payload, and what arrives within the {@link
 * BatchingDelivery#setLinger(long) linger}, 2 ms). The broker writes a persistent batch to its
 * journal once, at the commit, its threads wake once per batch, and the bridge crosses Camel once
 * per batch. A batch never waits longer than the linger to fill.
 *
 * <p>Nothing is forgotten before the broker has it: the batch is sent and committed, or rolled back
 * and the exception thrown, and the route's error handler delivers the same batch again. So the
 * route must redeliver until delivered, as {@code hold-until-delivered} does: an error handler that
 * gave up would dead-letter only the first message of the batch.
 *
 * <p>Nothing reaches the broker twice either. A commit whose answer was lost (the connection broke
 * after the broker committed) fails here although the batch was delivered, and its retry would
 * repeat every message. So each message carries a duplicate id ({@value #DUPLICATE_ID}) drawn once,
 * when it joins a batch: an Artemis broker drops a transaction that repeats ids it has committed
 * (its id cache holds the last 20,000 per address by default), and a retry that it drops as a
 * duplicate counts as delivered. Other brokers ignore the property. Non-persistent messages (the
 * default topic route's) carry none: Artemis writes each id to its journal, which made every
 * non-persistent commit wait for the disk as a persistent one does (JFR), and such a message does
 * not outlive a broker restart anyway. A lost commit answer then repeats that batch, each message
 * with its {@code MulticastDuplicateId} for receivers to drop. Each message is made as the
 * endpoint's own producer makes it ({@link JmsBinding}), sent with its delivery mode ({@code
 * deliveryPersistent}), priority and time to live, on its connection factory.
 *
 * <p>A bean of routes: {@code endpoint} is a {@code jms:queue:NAME} or {@code jms:topic:NAME} URI
 * with its options, {@code batch} the most messages a transaction carries (1000), {@code linger} in
 * milliseconds.
 */
public class BatchDelivery extends BatchingDelivery {
  /** The exchange property that keeps a batch for its redelivery. */
  public static final String BATCH = "MulticastBatch";

  /** The property by which Artemis recognises a message it already has. */
  static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

  private static final Logger LOG = LoggerFactory.getLogger(BatchDelivery.class);

  private String uri;
  private volatile Target target;

  public void setEndpoint(String uri) {
    if (!uri.trim().startsWith("jms:")) {
      throw new IllegalArgumentException(
          "'" + uri + "' is not a jms: endpoint (expected jms:queue:NAME or jms:topic:NAME)");
    }
    this.uri = uri.trim();
  }

  /** The endpoint's destination, binding and settings, resolved once, on first use. */
  private record Target(
      JmsTemplate template,
      JmsBinding binding,
      String name,
      boolean topic,
      int deliveryMode,
      int priority,
      long timeToLive) {

    static Target of(JmsEndpoint endpoint) {
      JmsConfiguration config = endpoint.getConfiguration();
      JmsTemplate template = new JmsTemplate(config.getOrCreateConnectionFactory());
      template.setSessionTransacted(true);
      int mode =
          config.getDeliveryMode() != null
              ? config.getDeliveryMode()
              : config.isDeliveryPersistent()
                  ? DeliveryMode.PERSISTENT
                  : DeliveryMode.NON_PERSISTENT;
      return new Target(
          template,
          endpoint.getBinding(),
          endpoint.getDestinationName(),
          endpoint.isPubSubDomain(),
          mode,
          config.getPriority() >= 0 ? config.getPriority() : Message.DEFAULT_PRIORITY,
          config.getTimeToLive() > 0 ? config.getTimeToLive() : Message.DEFAULT_TIME_TO_LIVE);
    }
  }

  /** A message of a batch and the duplicate id it keeps through every attempt. */
  private record Held(Exchange exchange, String duplicateId) {
    Held(Exchange exchange) {
      this(exchange, DuplicateIds.next());
    }
  }

  @Override
  public void process(Exchange exchange) throws InterruptedException {
    @SuppressWarnings("unchecked")
    List<Held> held = exchange.getProperty(BATCH, List.class);
    if (held == null) {
      held = take(exchange).stream().map(Held::new).toList();
      exchange.setProperty(BATCH, held);
      unsettled(exchanges(held));
    }
    Target to = target;
    if (to == null) {
      // Races only resolve the same endpoint twice.
      to = target = Target.of(exchange.getContext().getEndpoint(uri, JmsEndpoint.class));
    }
    try {
      send(to, held);
    } catch (RuntimeException e) {
      if (givenUp(exchanges(held))) {
        return; // dead-lettered already, as the bridge stopped
      }
      throw e;
    }
    exchange.removeProperty(BATCH);
    List<Exchange> batch = exchanges(held);
    settled(batch);
    delivered(batch);
  }

  private static List<Exchange> exchanges(List<Held> held) {
    return held.stream().map(Held::exchange).toList();
  }

  /**
   * One transaction: every message, then the commit; a rollback and the exception otherwise, unless
   * the broker refused the batch because it already has it.
   */
  private static void send(Target to, List<Held> held) {
    try {
      transact(to, held);
    } catch (RuntimeException e) {
      if (!isDuplicate(e)) {
        throw e;
      }
      LOG.debug("The broker already has this batch of {}: delivered before", held.size(), e);
    }
  }

  private static boolean isDuplicate(Throwable e) {
    return ObjectHelper.getException(ActiveMQDuplicateIdException.class, e) != null;
  }

  private static void transact(Target to, List<Held> held) {
    to.template()
        .execute(
            session -> {
              // The cache's session is a reflective proxy, and making a message through it cost a
              // look-up each (JFR); messages come from the session behind it. Its producer stays
              // the cached one.
              Session target =
                  session instanceof SessionProxy proxy ? proxy.getTargetSession() : session;
              Destination destination =
                  to.topic() ? session.createTopic(to.name()) : session.createQueue(to.name());
              MessageProducer producer = session.createProducer(destination);
              try {
                for (Held one : held) {
                  Message message = to.binding().makeJmsMessage(one.exchange(), target);
                  if (to.deliveryMode() == DeliveryMode.PERSISTENT) {
                    message.setStringProperty(DUPLICATE_ID, one.duplicateId());
                  }
                  producer.send(message, to.deliveryMode(), to.priority(), to.timeToLive());
                }
                session.commit();
              } catch (JMSException | RuntimeException e) {
                JmsUtils.rollbackIfNecessary(session);
                throw e;
              } finally {
                JmsUtils.closeMessageProducer(producer);
              }
              return null;
            },
            true);
  }
}
