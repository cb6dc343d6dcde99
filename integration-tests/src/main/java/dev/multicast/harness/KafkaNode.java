package dev.multicast.harness;

import java.util.ArrayList;
import java.util.List;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.LazyFuture;

/**
 * One Apache Kafka node of the {@link KafkaImage} in KRaft combined mode, broker and controller in
 * one process: host name and alias {@code kafkaID} on every network it joins, clients on port
 * {@value #PORT}, the controllers' quorum on {@value #CONTROLLER_PORT}. It counts as started once
 * Kafka logs that its server started; it formats its storage on its first start and keeps it across
 * {@link #kill kills}, {@link #shutDown stops} and {@link #restart restarts}.
 *
 * <p>Replication suits a cluster of three: every topic, internal ones included, is made with 3
 * replicas, and a write with {@code acks=all} needs 2 in sync ({@code min.insync.replicas=2}), so
 * one node can die without losing an acknowledged record. {@link KafkaCluster} makes three.
 */
public class KafkaNode extends MulticastNode {
  /** The clients' port. */
  public static final int PORT = 9092;

  /** The controllers' port. */
  public static final int CONTROLLER_PORT = 9093;

  private static final String STARTED = "Kafka Server started";
  private static final String PROPERTIES = "/etc/kafka/server.properties";

  private final int id;
  private final String clusterId;
  private final String voters;

  /**
   * @param id the node's id, 1 or more; its name is {@code kafkaID}
   * @param clusterId the cluster's id, the same on every node (Kafka's form: 16 bytes, Base64)
   * @param voters the controllers' quorum, {@code ID@HOST:PORT,...}
   */
  public KafkaNode(int id, String clusterId, String voters) {
    super(name(id), lazily());
    this.id = id;
    this.clusterId = clusterId;
    this.voters = voters;
  }

  /**
   * The host name of node {@code id}.
   *
   * @param id 1, 2, 3...
   * @return {@code kafkaID}
   */
  public static String name(int id) {
    return "kafka" + id;
  }

  /**
   * The node's id in the cluster.
   *
   * @return 1, 2, 3...
   */
  public int id() {
    return id;
  }

  /**
   * Where clients on the node's networks connect: {@code kafkaID:PORT}.
   *
   * @return {@code kafkaID:9092}
   */
  public String bootstrapServer() {
    return name() + ":" + PORT;
  }

  /** Applies the node's settings: its server.properties, its role and its ready line. */
  @Override
  protected void configure() {
    withCopyToContainer(Transferable.of(serverProperties()), PROPERTIES);
    serving(STARTED, "start", PROPERTIES, clusterId);
    super.configure();
  }

  /**
   * Runs {@link KafkaLauncher} on this node with these arguments, as Kafka's tools would.
   *
   * @param args the launcher's command, such as {@code topics BOOTSTRAP PARTITIONS REPLICAS
   *     NAME...}
   * @return the running launcher
   */
  public Running launch(String... args) {
    return exec(KafkaImage.launcher(args).toArray(String[]::new));
  }

  private String serverProperties() {
    List<String> lines = new ArrayList<>();
    lines.add("process.roles=broker,controller");
    lines.add("node.id=" + id);
    lines.add("controller.quorum.voters=" + voters);
    lines.add("listeners=PLAINTEXT://:" + PORT + ",CONTROLLER://:" + CONTROLLER_PORT);
    lines.add("advertised.listeners=PLAINTEXT://" + bootstrapServer());
    lines.add("controller.listener.names=CONTROLLER");
    lines.add("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    lines.add("inter.broker.listener.name=PLAINTEXT");
    lines.add("log.dirs=/var/lib/kafka/data");
    lines.add("default.replication.factor=3");
    lines.add("min.insync.replicas=2");
    lines.add("offsets.topic.replication.factor=3");
    lines.add("transaction.state.log.replication.factor=3");
    lines.add("transaction.state.log.min.isr=2");
    lines.add("share.coordinator.state.topic.replication.factor=3");
    lines.add("share.coordinator.state.topic.min.isr=2");
    // Topics are made with their replication, not by a client's first use.
    lines.add("auto.create.topics.enable=false");
    // Tests start consumers and want them assigned at once, and a dead node noticed soon.
    lines.add("group.initial.rebalance.delay.ms=0");
    lines.add("broker.heartbeat.interval.ms=1000");
    lines.add("broker.session.timeout.ms=6000");
    return String.join("\n", lines) + "\n";
  }

  private static LazyFuture<String> lazily() {
    return new LazyFuture<>() {
      @Override
      protected String resolve() {
        return KafkaImage.name();
      }
    };
  }
}
