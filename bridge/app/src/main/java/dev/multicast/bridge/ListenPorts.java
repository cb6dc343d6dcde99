package dev.multicast.bridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Tries the ports a command will listen on before anything starts. The broker, HTTP and management
 * servers bind in threads of their own, where a taken port hung the broker with a stack trace and
 * left the bridge running without its HTTP server.
 */
public final class ListenPorts {
  private ListenPorts() {}

  /**
   * Each port on {@code host}, with the option that chose it.
   *
   * @throws CannotListenException naming the first port that cannot be bound
   */
  public static void checkFree(String host, Map<Integer, String> ports) {
    ports.forEach(
        (port, option) -> {
          try (ServerSocket probe = new ServerSocket()) {
            // As the servers themselves do: a port whose last connections wait out TIME_WAIT is
            // free.
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
          } catch (IOException e) {
            boolean denied = String.valueOf(e.getMessage()).contains("Permission denied");
            throw new CannotListenException(
                String.format(
                    "cannot listen on %s:%d (%s): %s (expected %s)",
                    host,
                    port,
                    option,
                    e.getMessage(),
                    denied
                        ? "a port above 1023, or the privilege to bind this one"
                        : "a free port on an address of this host"),
                denied);
          }
        });
  }
}
