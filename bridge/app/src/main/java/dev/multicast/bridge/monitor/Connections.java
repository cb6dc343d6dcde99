package dev.multicast.bridge.monitor;

import dev.multicast.bridge.monitor.MonitorState.ConnectionState;
import dev.multicast.camel.Memberships;
import java.util.List;
import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * The bridge's connections as its own readiness checks report them: the broker (or whatever else
 * registers a check in the {@code multicast} group), but not the group memberships, which the page
 * shows per group. A check may take seconds when its peer is away, so they run on a thread of their
 * own, not with each sample.
 */
final class Connections {
  private static final String GROUP = "multicast";

  private final CamelContext context;
  private volatile List<ConnectionState> latest = List.of();

  Connections(CamelContext context) {
    this.context = context;
  }

  /** Asks every check once; what they say is what {@link #latest()} returns until next time. */
  void check() {
    HealthCheckRegistry registry = HealthCheckRegistry.get(context);
    if (registry == null) {
      return;
    }
    latest =
        registry.stream()
            .filter(check -> GROUP.equals(check.getGroup()))
            .filter(check -> !(check instanceof Memberships))
            .map(Connections::state)
            .toList();
  }

  List<ConnectionState> latest() {
    return latest;
  }

  private static ConnectionState state(HealthCheck check) {
    HealthCheck.Result result = check.call();
    String status = result.getState().name().toLowerCase(Locale.ROOT);
    // A check names what it connects to in a detail under its own id, such as "broker".
    Object target = result.getDetails().get(check.getId());
    String detail =
        result.getState() == HealthCheck.State.UP
            ? target == null ? "" : target.toString()
            : result.getMessage().orElse(target == null ? "" : target.toString());
    return new ConnectionState(check.getId(), status, Failures.oneLine(detail));
  }
}
