package dev.multicast.example;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application as it ships, on {@code lo}: the timer's greetings go out through the sink Kamelet
 * and come back through the source Kamelet as files. A greeting of its own and a free port keep
 * this run apart from any other on the host.
 */
class ApplicationTest {
  @TempDir Path out;

  private final Main main = new Main(Application.class);

  @AfterEach
  void stop() {
    main.stop();
  }

  @Test
  void theTimersGreetingsArriveAsFiles() throws Exception {
    String greeting = "hello " + UUID.randomUUID();
    main.addOverrideProperty("example.port", Integer.toString(freeUdpPort()));
    main.addOverrideProperty("example.greeting", greeting);
    main.addOverrideProperty("example.out", out.toString());

    main.start();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> contents(out).stream().filter(text -> text.startsWith(greeting)).count() >= 3);
  }

  private static List<String> contents(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> file.toString().endsWith(".txt"))
          .map(ApplicationTest::read)
          .toList();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
