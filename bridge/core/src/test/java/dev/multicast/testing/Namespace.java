package dev.multicast.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A network namespace that a test makes and removes itself, with a veth pair {@code v0}/{@code v1}
 * inside: a real multicast-capable link (IPv6 included) whose traffic cannot leave the namespace.
 * Needs root and iproute2; {@link #unavailableCause()} says why when it cannot be made.
 */
public final class Namespace implements AutoCloseable {
  private final String name;

  private Namespace(String name) {
    this.name = name;
  }

  /** Why a namespace cannot be made here, or null when it can. */
  public static String unavailableCause() {
    try {
      new Namespace(name()).addAndRemove();
      return null;
    } catch (IOException | RuntimeException e) {
      return "no network namespace (needs root and iproute2): " + e.getMessage();
    }
  }

  /** A namespace with a veth pair (v0, v1) that carries IPv4 and IPv6 multicast. */
  public static Namespace create() throws IOException {
    Namespace namespace = loopbackOnly();
    try {
      ip("-n", namespace.name, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
      ip("-n", namespace.name, "link", "set", "v0", "up");
      ip("-n", namespace.name, "link", "set", "v1", "up");
      namespace.awaitIpv6MulticastRoute();
      return namespace;
    } catch (IOException | RuntimeException e) {
      namespace.close();
      throw e;
    }
  }

  /** A namespace with nothing but {@code lo}, up: a host without a MAC address. */
  public static Namespace loopbackOnly() throws IOException {
    Namespace namespace = new Namespace(name());
    ip("netns", "add", namespace.name);
    try {
      ip("-n", namespace.name, "link", "set", "lo", "up");
      return namespace;
    } catch (IOException | RuntimeException e) {
      namespace.close();
      throw e;
    }
  }

  private static String name() {
    return "multicast-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000;
  }

  private void addAndRemove() throws IOException {
    ip("netns", "add", name);
    close();
  }

  /**
   * The kernel adds the IPv6 multicast route once the link is up, and the link-local address that
   * IPv6 multicast is sent from once duplicate address detection is over; wait for both.
   */
  private void awaitIpv6MulticastRoute() {
    await("an IPv6 multicast route and a link-local address on v0 in " + name)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                ip("-n", name, "-6", "route", "show", "table", "local").contains("ff00::/8 dev v0")
                    && linkLocalAddressReady());
  }

  private boolean linkLocalAddressReady() throws IOException {
    String addresses = ip("-n", name, "-6", "addr", "show", "dev", "v0");
    return addresses.contains("scope link") && !addresses.contains("tentative");
  }

  /** Starts the command line inside the namespace, in its own JVM. */
  public Process startCli(Path output, String... args) throws IOException {
    return start(output, cli(args));
  }

  /** As {@link #startCli(Path, String...)}, with standard error to {@code errors}. */
  public Process startCli(Path output, Path errors, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
    all.addAll(List.of(cli(args)));
    return new ProcessBuilder(all)
        .redirectOutput(output.toFile())
        .redirectError(errors.toFile())
        .start();
  }

  private static String[] cli(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.multicast.cli.Main"));
    command.addAll(List.of(args));
    return command.toArray(String[]::new);
  }

  /** Starts a command inside the namespace, its standard output to {@code output}. */
  public Process start(Path output, String... command) throws IOException {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
    all.addAll(List.of(command));
    return new ProcessBuilder(all).redirectOutput(output.toFile()).start();
  }

  private static String ip(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + ": " + out.trim());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    ip("netns", "del", name);
  }
}
