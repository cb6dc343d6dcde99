package dev.multicast.bridge;

import org.apache.camel.support.service.ServiceSupport;

/** Stops the embedded broker as part of Camel's shutdown, after the routes have drained. */
final class BrokerService extends ServiceSupport {
  private final EmbeddedBroker broker;

  BrokerService(EmbeddedBroker broker) {
    this.broker = broker;
  }

  @Override
  protected void doStop() throws Exception {
    broker.close();
  }
}
