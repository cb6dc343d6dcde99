package dev.multicast.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The Kafka node image, built locally from Maven Central's Apache Kafka jars ({@code
 * org.apache.kafka:kafka_2.13}, the version this module was built with) so that no registry is
 * needed: {@code FROM scratch} with a jlink-made Java runtime of the modules Kafka needs, the few
 * shared libraries it links (as the {@link NodeImage}'s, plus libpthread, libdl and librt, which
 * zstd-jni's native code loads) and a writable {@code /tmp}, where zstd-jni unpacks it.
 *
 * <p>Its entry point is {@link KafkaLauncher}, since there is no shell to chain Kafka's scripts: it
 * formats the node's storage on first start, then runs the broker in the same JVM. The jar list is
 * {@code kafka-classpath.txt} beside this class, written by the build (Maven's resolution of the
 * Kafka jars, which stay off the test's class path).
 *
 * <p>As the node image's, the tag is a digest of everything that goes in: it is built once per
 * machine.
 */
public final class KafkaImage {
  /** Where Kafka's jars, the launcher and the logging settings go inside the image. */
  static final String HOME = "/opt/kafka";

  /** Kafka's JVM: a small heap, enough for tests; quick to start. */
  static final List<String> JVM_FLAGS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1");

  /** What jdeps names for Kafka's jars, and the JDK's management agent and EC crypto. */
  private static final List<String> MODULES =
      List.of(
          "java.base",
          "java.compiler",
          "java.desktop",
          "java.management",
          "java.naming",
          "java.rmi",
          "java.scripting",
          "java.security.jgss",
          "java.security.sasl",
          "java.sql",
          "jdk.crypto.ec",
          "jdk.management",
          "jdk.unsupported");

  private static final List<String> LIBRARIES =
      List.of("libpthread.so.0", "libdl.so.2", "librt.so.1");

  /** INFO to the console: the start line is what a node waits for. */
  private static final String LOG4J =
      String.join(
          "\n",
          "appender.console.type=Console",
          "appender.console.name=console",
          "appender.console.layout.type=PatternLayout",
          "appender.console.layout.pattern=[%d] %p %m (%c)%n",
          "rootLogger.level=INFO",
          "rootLogger.appenderRef.console.ref=console",
          "");

  /**
   * The launcher's class, named rather than referred to: loading it needs Kafka's classes, which
   * only the image has.
   */
  private static final String LAUNCHER = "dev.multicast.harness.KafkaLauncher";

  private static String name;

  private KafkaImage() {}

  /**
   * The image's name, building it first when this machine has none for these jars yet.
   *
   * @return the image's name, as Docker knows it
   */
  public static synchronized String name() {
    if (name == null) {
      name = build();
    }
    return name;
  }

  /** A {@code java} command line inside the image that runs {@link KafkaLauncher}. */
  static List<String> launcher(String... args) {
    List<String> command = new ArrayList<>(List.of("/opt/java/bin/java"));
    command.addAll(JVM_FLAGS);
    command.add("-Dlog4j2.configurationFile=" + HOME + "/log4j2.properties");
    command.addAll(List.of("-cp", HOME + "/launcher:" + HOME + "/libs/*"));
    command.add(LAUNCHER);
    command.addAll(List.of(args));
    return command;
  }

  private static String build() {
    try {
      List<Path> jars = jars();
      byte[] launcher = launcherClass();
      String dockerfile = dockerfile();
      String tag = "multicast-kafka:" + digest(dockerfile, jars, launcher);
      if (NodeImage.exists(tag)) {
        return tag;
      }
      Path dir = NodeImage.workDir();
      Path context = dir.resolve("kafka-context-" + tag.substring(tag.indexOf(':') + 1));
      NodeImage.deleteTree(context);
      Path libs = Files.createDirectories(context.resolve("kafka/libs"));
      for (Path jar : jars) {
        Files.copy(jar, libs.resolve(jar.getFileName()));
      }
      Path classFile = context.resolve("kafka/launcher/" + LAUNCHER.replace('.', '/') + ".class");
      Files.createDirectories(classFile.getParent());
      Files.write(classFile, launcher);
      Files.writeString(context.resolve("kafka/log4j2.properties"), LOG4J);
      Files.writeString(context.resolve("Dockerfile"), dockerfile);
      NodeImage.system(dir, MODULES, LIBRARIES, context.resolve("system"));
      String built = new ImageFromDockerfile(tag, false).withFileFromPath(".", context).get();
      NodeImage.deleteTree(context);
      return built;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the Kafka image: " + e.getMessage(), e);
    }
  }

  private static String dockerfile() {
    String entrypoint =
        launcher().stream()
            .map(part -> '"' + part + '"')
            .reduce((a, b) -> a + ", " + b)
            .orElseThrow();
    return "FROM scratch\n"
        + "COPY system/ /\n"
        + "COPY kafka/ "
        + HOME
        + "/\n"
        + "WORKDIR /var/lib/kafka\n"
        + "ENTRYPOINT ["
        + entrypoint
        + "]\n";
  }

  /** Kafka's jars, as the build resolved them (those the tests use as well listed apart). */
  private static List<Path> jars() throws IOException {
    List<Path> jars = new ArrayList<>();
    for (String list : List.of("kafka-classpath.txt", "kafka-shared-classpath.txt")) {
      jars.addAll(jars(list));
    }
    return jars;
  }

  private static List<Path> jars(String list) throws IOException {
    try (InputStream in = KafkaImage.class.getResourceAsStream(list)) {
      if (in == null) {
        throw new IllegalStateException(
            "no " + list + " beside KafkaImage: build multicast-testcontainers with Maven");
      }
      List<Path> jars = new ArrayList<>();
      for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(":")) {
        Path jar = Path.of(entry);
        if (!Files.isRegularFile(jar)) {
          throw new IllegalStateException("Kafka jar " + jar + " is missing: build again");
        }
        jars.add(jar);
      }
      return jars;
    }
  }

  private static byte[] launcherClass() throws IOException {
    String file = "/" + LAUNCHER.replace('.', '/') + ".class";
    try (InputStream in = KafkaImage.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("no " + file + " on the class path");
      }
      return in.readAllBytes();
    }
  }

  private static String digest(String dockerfile, List<Path> jars, byte[] launcher)
      throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(dockerfile.getBytes(StandardCharsets.UTF_8));
    // The runtime is made from the JDK that runs the tests.
    sha.update((Runtime.version() + String.join(",", MODULES)).getBytes(StandardCharsets.UTF_8));
    sha.update(String.join(",", LIBRARIES).getBytes(StandardCharsets.UTF_8));
    sha.update(launcher);
    for (Path jar : jars) {
      // Library jars carry their version in their names.
      sha.update(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
    }
    sha.update(LOG4J.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha.digest(), 0, 6);
  }
}
