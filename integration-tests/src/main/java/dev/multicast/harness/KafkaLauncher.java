package dev.multicast.harness;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The entry point of the {@link KafkaImage}, run on the image's own Java runtime, never on the
 * test's (its Kafka classes are there only): a {@code FROM scratch} image has no shell to chain
 * Kafka's scripts, so this does what they would.
 *
 * <ul>
 *   <li>{@code start PROPERTIES CLUSTER_ID}: formats the node's storage on its first start ({@code
 *       kafka-storage format --ignore-formatted}, so a restart keeps its data), then runs {@code
 *       kafka.Kafka PROPERTIES} in the same JVM;
 *   <li>{@code topics BOOTSTRAP PARTITIONS REPLICAS NAME...}: creates these topics, unless they
 *       exist;
 *   <li>{@code leaders BOOTSTRAP TOPIC}: prints {@code controller ID} and, for each partition of
 *       the topic, {@code leader PARTITION ID}.
 * </ul>
 */
public final class KafkaLauncher {
  private KafkaLauncher() {}

  /**
   * Runs one of the commands above.
   *
   * @param args the command and its arguments
   * @throws Exception when the command fails: the JVM exits non-zero, with the trace on stderr
   */
  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("start")) {
      start(args[1], args[2]);
    } else if (args.length >= 5 && args[0].equals("topics")) {
      topics(
          args[1],
          Integer.parseInt(args[2]),
          Short.parseShort(args[3]),
          Arrays.asList(args).subList(4, args.length));
    } else if (args.length == 3 && args[0].equals("leaders")) {
      leaders(args[1], args[2], System.out);
    } else {
      System.err.println(
          "usage: start PROPERTIES CLUSTER_ID | topics BOOTSTRAP PARTITIONS REPLICAS NAME..."
              + " | leaders BOOTSTRAP TOPIC (got "
              + Arrays.toString(args)
              + ")");
      System.exit(64);
    }
  }

  private static void start(String properties, String clusterId) {
    int formatted =
        kafka.tools.StorageTool.execute(
            new String[] {"format", "-t", clusterId, "-c", properties, "--ignore-formatted"},
            System.out);
    if (formatted != 0) {
      System.exit(formatted);
    }
    kafka.Kafka.main(new String[] {properties});
  }

  private static void topics(String bootstrap, int partitions, short replicas, List<String> names)
      throws InterruptedException, ExecutionException {
    try (Admin admin = admin(bootstrap)) {
      List<String> missing = names.stream().filter(name -> !exists(admin, name)).toList();
      admin
          .createTopics(
              missing.stream().map(name -> new NewTopic(name, partitions, replicas)).toList())
          .all()
          .get();
      System.out.println("created " + missing);
    }
  }

  private static boolean exists(Admin admin, String name) {
    try {
      return admin.listTopics().names().get().contains(name);
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot list topics: " + e.getMessage(), e);
    }
  }

  private static void leaders(String bootstrap, String topic, PrintStream out)
      throws InterruptedException, ExecutionException {
    try (Admin admin = admin(bootstrap)) {
      out.println("controller " + admin.describeMetadataQuorum().quorumInfo().get().leaderId());
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      description
          .partitions()
          .forEach(
              partition ->
                  out.println(
                      "leader "
                          + partition.partition()
                          + " "
                          + (partition.leader() == null ? -1 : partition.leader().id())));
    }
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            60_000));
  }
}
