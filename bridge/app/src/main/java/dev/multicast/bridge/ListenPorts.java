package dev.multicast.bridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
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
   * @throws CannotListenException naming every port that cannot be bound, so that one run shows all
   *     there is to change; denied when the operating system refused them all for lack of privilege
   */
  public static void checkFree(String host, Map<Integer, String> ports) {
    List<String> problems = new ArrayList<>();
    int denied = 0;
    for (Map.Entry<Integer, String> port : ports.entrySet()) {
      try (ServerSocket probe = new ServerSocket()) {
        // As the servers themselves do: a port whose last connections wait out TIME_WAIT is free.
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(host, port.getKey()));
      } catch (IOException e) {
        if (String.valueOf(e.getMessage()).contains("Permission denied")) {
          denied++;
        }
        problems.add(
            String.format("%s:%d (%s): %s", host, port.getKey(), port.getValue(), e.getMessage()));
      }
    }
    if (problems.isEmpty()) {
      return;
    }
    boolean one = problems.size() == 1;
    String expected;
    if (denied == problems.size()) {
      expected =
          one
              ? "a port above 1023, or the privilege to bind this one"
              : "ports above 1023, or the privilege to bind these";
    } else {
      expected =
          one ? "a free port on an address of this host" : "free ports on an address of this host";
    }
    throw new CannotListenException(
        "cannot listen on " + String.join(", nor on ", problems) + " (expected " + expected + ")",
        denied == problems.size());
  }
}
