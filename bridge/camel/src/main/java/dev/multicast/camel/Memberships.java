package dev.multicast.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The group memberships of the bridge's multicast sources, as a readiness check: not ready while a
 * source has bound its port but not yet joined its group, or has lost the interface it joined on.
 * The bridge also waits for them before it says it has started, since Netty joins only after the
 * route has started, and a datagram sent before the join finds nobody listening.
 */
public final class Memberships extends AbstractHealthCheck {
  /** The registry name the bridge binds its instance under; sources report to it when present. */
  public static final String BEAN = "multicastMemberships";

  /** The state of a source between binding and joining, which start-up waits out. */
  private static final String NOT_JOINED = "not joined yet";

  /**
   * Each membership, such as {@code 239.255.0.1:59259 on eth0}, and why it is not ready, or null.
   */
  private final Map<String, String> memberships = new TreeMap<>();

  /** An empty check, in the {@code multicast} group with id {@code groups}. */
  public Memberships() {
    super("multicast", "groups");
  }

  @Override
  public boolean isLiveness() {
    return false;
  }

  /** A source is about to bind: not ready until it has joined. */
  synchronized void joining(String membership) {
    memberships.put(membership, NOT_JOINED);
  }

  synchronized void joined(String membership) {
    memberships.put(membership, null);
    notifyAll();
  }

  synchronized void lost(String membership, String why) {
    memberships.put(membership, why);
  }

  /** Its source has stopped. */
  synchronized void left(String membership) {
    memberships.remove(membership);
    notifyAll();
  }

  /**
   * Waits until every source has joined its group, at most {@code timeout}.
   *
   * @param timeout the longest to wait
   * @throws InterruptedException when the waiting thread is interrupted
   * @return every membership, each with why it is not ready or null when it is
   */
  public synchronized Map<String, String> awaitJoined(Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (long left = timeout.toNanos();
        left > 0 && memberships.containsValue(NOT_JOINED);
        left = deadline - System.nanoTime()) {
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return new TreeMap<>(memberships);
  }

  /**
   * {@return every membership now, such as {@code 239.255.0.1:59259 on eth0}, each with why it is
   * not ready or null when it is}
   */
  public synchronized Map<String, String> snapshot() {
    return new TreeMap<>(memberships);
  }

  @Override
  protected synchronized void doCall(
      HealthCheckResultBuilder builder, Map<String, Object> options) {
    List<String> problems = new ArrayList<>();
    memberships.forEach(
        (membership, problem) -> {
          builder.detail(membership, problem == null ? "joined" : problem);
          if (problem != null) {
            problems.add(membership + ": " + problem);
          }
        });
    if (problems.isEmpty()) {
      builder.up();
    } else {
      builder.down().message(String.join("; ", problems));
    }
  }
}
