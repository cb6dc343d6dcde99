package dev.multicast.bench;

import dev.multicast.testing.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code multicast bridge} of the benchmarks, started on lo with its own data directory and free
 * ports, read from outside as an operator would: its metrics page, its resident memory, its
 * directories. Its output after the start-up summary goes to stderr, so that it never blocks on a
 * full pipe.
 */
final class BridgeProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final Path data;
  private final int brokerPort;
  private final int managementPort;

  private BridgeProcess(Process process, Path data, int brokerPort, int managementPort) {
    this.process = process;
    this.data = data;
    this.brokerPort = brokerPort;
    this.managementPort = managementPort;
  }

  /** Starts the bridge on {@code group:port} and returns once it has said that it runs. */
  static BridgeProcess start(String launcher, String group, int port, List<String> more)
      throws IOException {
    Path data = Files.createTempDirectory("bridge-bench");
    int brokerPort = Ports.free();
    int managementPort = Ports.free();
    List<String> command =
        new ArrayList<>(
            List.of(
                launcher,
                "bridge",
                "--iface",
                "lo",
                "--group",
                group,
                "--port",
                "" + port,
                "--data",
                data.toString(),
                "--broker-port",
                "" + brokerPort,
                "--http-port",
                "" + Ports.free(),
                "--management-port",
                "" + managementPort));
    command.addAll(more);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("multicast bridge:")) {
      process.destroyForcibly();
      throw new IOException("bridge did not start: " + line);
    }
    // The reader is this thread's to close, at the end of the output.
    Thread echo = new Thread(() -> echo(out), "bridge-output");
    echo.setDaemon(true);
    echo.start();
    return new BridgeProcess(process, data, brokerPort, managementPort);
  }

  /** Copies the bridge's output after its summary to stderr, until the bridge ends. */
  static void echo(BufferedReader out) {
    try (out) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (!line.startsWith("  ")) {
          System.err.println("bridge: " + line);
        }
      }
    } catch (IOException e) {
      // The bridge has gone.
    }
  }

  /** The embedded broker's URL for JMS clients. */
  String brokerUrl() {
    return "tcp://127.0.0.1:" + brokerPort;
  }

  /** The bridge's resident memory in KiB, from /proc (the launcher execs the JVM: same pid). */
  long rssKiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", "" + process.pid(), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IOException("no VmRSS for the bridge, pid " + process.pid());
  }

  /** The sum of a metric's series on /observe/metrics (0 when it has none yet). */
  double metric(String name) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response
        .body()
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** The bridge's data directory: the broker's journal under broker/, dead letters beside it. */
  Path data() {
    return data;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
