package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.testing.Ports;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchDeliveryTest {
  @TempDir Path data;
  private EmbeddedBroker broker;
  private BatchDelivery delivery;
  private CamelContext camel;
  private final AtomicInteger batches = new AtomicInteger();

  /** The broker commits the first transaction, but its answer never arrives. */
  private final AtomicBoolean loseFirstCommitAnswer = new AtomicBoolean();

  private final AtomicInteger lostAnswers = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    broker = EmbeddedBroker.start(data, "127.0.0.1", Ports.free());
    camel = new DefaultCamelContext();
    camel
        .getComponent("jms", JmsComponent.class)
        .setConnectionFactory(losingCommitAnswers(new ActiveMQConnectionFactory(broker.url())));
    delivery = new BatchDelivery();
    delivery.setEndpoint("jms:queue:batch.test");
    delivery.setBatch(100);
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            errorHandler(defaultErrorHandler().maximumRedeliveries(-1).redeliveryDelay(50));
            from("seda:held?size=1000")
                .routeId("delivery")
                .autoStartup(false)
                .process(exchange -> batches.incrementAndGet())
                .process(delivery);
          }
        });
    camel.start();
  }

  @AfterEach
  void stop() throws Exception {
    camel.stop();
    broker.close();
  }

  @Test
  void shouldSendWhatWaitsInTheBufferInBatchesInOrderWithTheHeaders() throws Exception {
    ProducerTemplate producer = camel.createProducerTemplate();
    for (int i = 0; i < 250; i++) {
      producer.sendBodyAndHeader(
          "seda:held", Integer.toString(i).getBytes(StandardCharsets.UTF_8), "Sequence", i);
    }
    NotifyBuilder done = new NotifyBuilder(camel).fromRoute("delivery").whenDone(3).create();
    camel.getRouteController().startRoute("delivery");
    assertTrue(done.matches(10, TimeUnit.SECONDS), "batches: " + batches.get());
    // 250 waiting messages in batches of at most 100: three exchanges cross the route.
    assertEquals(3, batches.get());
    List<Message> received = receive(250);
    for (int i = 0; i < 250; i++) {
      BytesMessage message = (BytesMessage) received.get(i);
      assertEquals(Integer.toString(i), new String(message.getBody(byte[].class)));
      assertEquals(i, message.getIntProperty("Sequence"));
      assertEquals(jakarta.jms.DeliveryMode.PERSISTENT, message.getJMSDeliveryMode());
      assertNotNull(message.getStringProperty(BatchDelivery.DUPLICATE_ID));
    }
  }

  @Test
  void shouldSendNonPersistentMessagesWithoutTheBrokersDuplicateId() throws Exception {
    // The broker journals each id it is given, which made non-persistent commits wait for the disk.
    delivery.setEndpoint("jms:queue:batch.test?deliveryPersistent=false");
    camel.getRouteController().startRoute("delivery");
    camel.createProducerTemplate().sendBody("seda:held", new byte[] {1});
    List<Message> received = receive(1);
    assertEquals(1, received.size());
    assertEquals(jakarta.jms.DeliveryMode.NON_PERSISTENT, received.get(0).getJMSDeliveryMode());
    assertNull(received.get(0).getStringProperty(BatchDelivery.DUPLICATE_ID));
  }

  @Test
  void shouldSendAMessageAloneWithoutWaitingForABatchToFill() throws Exception {
    camel.getRouteController().startRoute("delivery");
    ProducerTemplate producer = camel.createProducerTemplate();
    NotifyBuilder first = new NotifyBuilder(camel).fromRoute("delivery").whenDone(1).create();
    producer.sendBody("seda:held", new byte[] {1}); // the first also connects to the broker
    assertTrue(first.matches(10, TimeUnit.SECONDS));
    NotifyBuilder second = new NotifyBuilder(camel).fromRoute("delivery").whenDone(1).create();
    long start = System.nanoTime();
    producer.sendBody("seda:held", new byte[] {2});
    assertTrue(second.matches(10, TimeUnit.SECONDS));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < 500, "one message took " + millis + " ms");
    assertEquals(2, receive(2).size());
  }

  @Test
  void shouldDeliverABatchOnceWhenTheAnswerToItsCommitWasLost() throws Exception {
    loseFirstCommitAnswer.set(true);
    ProducerTemplate producer = camel.createProducerTemplate();
    for (int i = 0; i < 10; i++) {
      producer.sendBody("seda:held", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
    }
    NotifyBuilder done = new NotifyBuilder(camel).fromRoute("delivery").whenDone(1).create();
    camel.getRouteController().startRoute("delivery");
    assertTrue(done.matches(10, TimeUnit.SECONDS));
    assertEquals(1, lostAnswers.get(), "commit answers lost");
    // The retry repeated all ten; the broker knew their duplicate ids and kept the first ten.
    List<Message> received = receive(10);
    assertEquals(10, received.size());
    for (int i = 0; i < 10; i++) {
      assertEquals(
          Integer.toString(i), new String(((BytesMessage) received.get(i)).getBody(byte[].class)));
    }
  }

  @Test
  void shouldRejectAnEndpointThatIsNotJms() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new BatchDelivery().setEndpoint("seda:out"));
    assertEquals(
        "'seda:out' is not a jms: endpoint (expected jms:queue:NAME or jms:topic:NAME)",
        e.getMessage());
  }

  @Test
  void shouldRejectABatchOfNone() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new BatchDelivery().setBatch(0));
    assertEquals("'0' is not a batch size (expected 1 or more)", e.getMessage());
  }

  /**
   * A real broker connection whose first commit, while {@link #loseFirstCommitAnswer} is set,
   * commits and then fails as a broken connection would: the broker has the batch, the bridge
   * cannot know it.
   */
  private ConnectionFactory losingCommitAnswers(ConnectionFactory factory) {
    return proxy(
        ConnectionFactory.class,
        factory,
        (method, result) ->
            result instanceof Connection connection
                ? proxy(
                    Connection.class,
                    connection,
                    (connectionMethod, session) ->
                        session instanceof Session real ? losingCommitAnswer(real) : session)
                : result);
  }

  private Session losingCommitAnswer(Session session) {
    return (Session)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Session.class},
            (self, method, args) -> {
              Object result = invoke(session, method, args);
              if (method.getName().equals("commit") && loseFirstCommitAnswer.getAndSet(false)) {
                lostAnswers.incrementAndGet();
                throw new TransactionRolledBackException("connection lost before the answer");
              }
              return result;
            });
  }

  private <T> T proxy(Class<T> type, T target, BiFunction<Method, Object, Object> wrap) {
    return type.cast(
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> wrap.apply(method, invoke(target, method, args))));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private List<Message> receive(int count) throws Exception {
    List<Message> received = new ArrayList<>();
    try (Connection connection = new ActiveMQConnectionFactory(broker.url()).createConnection()) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createQueue("batch.test"));
      connection.start();
      for (int i = 0; i < count; i++) {
        Message message = consumer.receive(5_000);
        if (message == null) {
          break;
        }
        received.add(message);
      }
      assertNull(consumer.receive(200), "more than " + count + " messages");
    }
    return received;
  }
}
