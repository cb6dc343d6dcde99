package dev.multicast.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * A Kafka cluster of three {@link KafkaNode}s, {@code kafka1} to {@code kafka3}, each a broker and
 * a controller (KRaft, {@code controller.quorum.voters=1@kafka1:9093,2@kafka2:9093,3@kafka3:9093}),
 * on the networks given: the cluster a bridge's {@code --kafka} reaches. Every topic has 3 replicas
 * and takes an {@code acks=all} write with 2 in sync: one node may die at any time.
 *
 * <p>{@link #start} makes the bridge's topics ({@link #TOPICS}) once the cluster has formed.
 *
 * <pre>{@code
 * try (Network lan = Network.newNetwork(); KafkaCluster kafka = new KafkaCluster(lan).start()) {
 *   new MulticastNode("bridge").on(lan).bridging(group, "--kafka", kafka.bootstrapServers());
 *   ...
 *   kafka.leaderOf("multicast.in").kill();
 * }
 * }</pre>
 */
public final class KafkaCluster implements AutoCloseable {
  /**
   * The bridge's topics: datagrams in, records out to the groups, and the return path's dead
   * letters.
   */
  public static final List<String> TOPICS =
      List.of("multicast.in", "multicast.out", "multicast.dead");

  /** How many nodes, each with a replica of every partition. */
  public static final int NODES = 3;

  /** One partition per topic: one group's records keep one order, on one leader. */
  private static final int PARTITIONS = 1;

  /**
   * The cluster's id, in Kafka's form (16 bytes, URL-safe Base64): one for every cluster, since
   * each keeps its storage in its own containers.
   */
  private static final String CLUSTER_ID = "bXVsdGljYXN0LWthZmthIQ";

  private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(90);

  private final List<KafkaNode> nodes = new ArrayList<>();

  /**
   * Three nodes, not yet started, each joining these networks in this order.
   *
   * @param networks the test's networks; each node's interfaces follow this order
   */
  public KafkaCluster(Network... networks) {
    String voters =
        Stream.iterate(1, id -> id + 1)
            .limit(NODES)
            .map(id -> id + "@" + KafkaNode.name(id) + ":" + KafkaNode.CONTROLLER_PORT)
            .collect(Collectors.joining(","));
    for (int id = 1; id <= NODES; id++) {
      KafkaNode node = new KafkaNode(id, CLUSTER_ID, voters);
      for (Network network : networks) {
        node.on(network);
      }
      nodes.add(node);
    }
  }

  /**
   * Starts the nodes together (a controller quorum needs two), then makes the {@link #TOPICS}.
   *
   * @return this cluster, its topics made
   */
  public KafkaCluster start() {
    try {
      Startables.deepStart(nodes).join();
      createTopics(TOPICS.toArray(String[]::new));
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Makes these topics, unless they exist: one partition each, a replica on every node.
   *
   * @param names topic names
   */
  public void createTopics(String... names) {
    List<String> args = new ArrayList<>(List.of("topics", bootstrapServers()));
    args.addAll(List.of(Integer.toString(PARTITIONS), Integer.toString(NODES)));
    args.addAll(List.of(names));
    MulticastNode.Result made =
        nodes.get(0).launch(args.toArray(String[]::new)).await(TOPICS_TIMEOUT);
    if (made.exitCode() != 0) {
      throw new IllegalStateException("cannot make the topics " + List.of(names) + ": " + made);
    }
  }

  /**
   * Where clients on the cluster's networks connect: {@code kafka1:9092,kafka2:9092,...}.
   *
   * @return {@code kafka1:9092,kafka2:9092,kafka3:9092}
   */
  public String bootstrapServers() {
    return nodes.stream().map(KafkaNode::bootstrapServer).collect(Collectors.joining(","));
  }

  /**
   * The nodes, {@code kafka1} first.
   *
   * @return the nodes, a copy
   */
  public List<KafkaNode> nodes() {
    return List.copyOf(nodes);
  }

  /**
   * The node that leads the topic's partition: the one whose death its writers notice.
   *
   * @param topic a topic of the cluster's
   * @return the leader, asked of the cluster now
   */
  public KafkaNode leaderOf(String topic) {
    return node(leaders(topic).stream().filter(line -> line.startsWith("leader 0 ")).findFirst());
  }

  /**
   * The node that is the active controller of the cluster's metadata.
   *
   * @return the controller, asked of the cluster now
   */
  public KafkaNode controller() {
    return node(
        leaders(TOPICS.get(0)).stream().filter(line -> line.startsWith("controller ")).findFirst());
  }

  private List<String> leaders(String topic) {
    for (KafkaNode asked : nodes) {
      if (asked.isRunning()) {
        MulticastNode.Result answer = asked.launch("leaders", bootstrapServers(), topic).await();
        if (answer.exitCode() != 0) {
          throw new IllegalStateException("cannot ask for the leaders of " + topic + ": " + answer);
        }
        return answer.lines();
      }
    }
    throw new IllegalStateException("no Kafka node runs");
  }

  private KafkaNode node(Optional<String> line) {
    String text = line.orElseThrow(() -> new IllegalStateException("Kafka named no leader"));
    int id = Integer.parseInt(text.substring(text.lastIndexOf(' ') + 1));
    return nodes.stream()
        .filter(node -> node.id() == id)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no leader now: " + text));
  }

  /**
   * Freezes every node, together: the whole cluster answers nothing, while each node keeps its
   * address. (A node started again after {@link #shutDown} may come back on another node's old
   * address, and a client still connected there would keep asking the wrong broker.)
   */
  public void pause() {
    together(KafkaNode::pause);
  }

  /** Lets every {@link #pause paused} node run on, together. */
  public void unpause() {
    together(KafkaNode::unpause);
  }

  /** Stops every node gracefully, together, keeping their data. */
  public void shutDown() {
    together(KafkaNode::shutDown);
  }

  /** Starts every stopped or killed node again, together, and waits until each serves. */
  public void restart() {
    together(KafkaNode::restart);
  }

  private void together(Consumer<KafkaNode> action) {
    CompletableFuture.allOf(
            nodes.stream()
                .map(node -> CompletableFuture.runAsync(() -> action.accept(node)))
                .toArray(CompletableFuture[]::new))
        .join();
  }

  /** Removes every node. */
  @Override
  public void close() {
    nodes.forEach(KafkaNode::stop);
  }
}
