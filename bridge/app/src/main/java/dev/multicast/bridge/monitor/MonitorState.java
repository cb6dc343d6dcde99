package dev.multicast.bridge.monitor;

import java.util.List;
import java.util.Map;

/**
 * What the monitor page and {@code multicast top} show: the bridge at one moment, as the JSON of
 * {@code /monitor/state} and of each event on {@code /monitor/events}. It names groups, routes and
 * reasons, never what a message holds.
 *
 * @param time when it was sampled, in milliseconds since the epoch
 * @param groups each group a source joins or a sink sends to, by {@code address:port}
 * @param groupsNotShown groups beyond {@link Sampler#MAX_GROUPS}, left out
 * @param drops datagrams dropped and envelopes rejected, by reason
 * @param deadLetters what could not be delivered
 * @param holds the in-memory buffers that hold datagrams while the broker is away
 * @param connections the broker (or other connection) checks, as readiness reports them
 * @param routes each route of the configuration
 * @param history the last minutes' rates, in the first event of a stream only; null otherwise
 */
public record MonitorState(
    long time,
    List<GroupState> groups,
    int groupsNotShown,
    List<DropCount> drops,
    DeadLetterState deadLetters,
    List<HoldState> holds,
    List<ConnectionState> connections,
    List<RouteState> routes,
    History history) {

  /** The same moment with the rates of the minutes before it, for a stream's first event. */
  MonitorState withHistory(History history) {
    return new MonitorState(
        time, groups, groupsNotShown, drops, deadLetters, holds, connections, routes, history);
  }

  /**
   * Counts since the bridge started, and rates over the last second.
   *
   * @param datagrams datagrams so far
   * @param bytes their payload bytes
   * @param datagramsPerSecond over the last sample
   * @param bytesPerSecond over the last sample
   */
  public record Flow(long datagrams, long bytes, double datagramsPerSecond, double bytesPerSecond) {
    static final Flow NONE = new Flow(0, 0, 0, 0);
  }

  /**
   * One group.
   *
   * @param group {@code address:port}
   * @param iface the interface a source joined it on; empty for a group that is only sent to
   * @param status {@code joined}, {@code not-joined} or {@code sends-only}
   * @param detail {@code joined}, why it is not joined, or that no source listens to it
   * @param in what its sources took
   * @param out what its sinks sent
   */
  public record GroupState(
      String group, String iface, String status, String detail, Flow in, Flow out) {}

  /**
   * Datagrams lost for one reason.
   *
   * @param reason such as {@code loop}, {@code own-emission}, {@code wrong-key}, {@code kernel}
   * @param kind {@code dropped} (by design: loops, own emissions), {@code rejected} (keyed routes)
   *     or {@code kernel} (the socket's receive buffer overflowed)
   * @param group {@code address:port}, empty when not known
   * @param count how many so far; null while nothing measures it
   * @param perSecond over the last sample
   */
  public record DropCount(String reason, String kind, String group, Long count, double perSecond) {}

  /**
   * The dead letters.
   *
   * @param count written to the dead-letter directory so far
   * @param droppedFull not written because the directory was full
   * @param latest the latest reasons, newest first
   */
  public record DeadLetterState(long count, long droppedFull, List<DeadLetterReason> latest) {}

  /**
   * Why one message was dead-lettered.
   *
   * @param time when, in milliseconds since the epoch
   * @param route the route it came from
   * @param reason the failure, in one line
   */
  public record DeadLetterReason(long time, String route, String reason) {}

  /**
   * One in-memory buffer.
   *
   * @param queue its name
   * @param held datagrams in it now
   * @param capacity how many it holds at most
   */
  public record HoldState(String queue, long held, long capacity) {}

  /**
   * One connection the bridge depends on, such as its broker.
   *
   * @param name the readiness check's name
   * @param status {@code up}, {@code down} or {@code unknown}
   * @param detail what it connects to, or why it is down
   */
  public record ConnectionState(String name, String status, String detail) {}

  /**
   * One route.
   *
   * @param id its id
   * @param from its endpoint, without secrets
   * @param status such as {@code Started}
   * @param exchanges exchanges so far
   * @param failed exchanges that failed so far
   * @param perSecond exchanges over the last sample
   * @param lastError its latest failure in one line, or empty
   * @param lastErrorTime when, in milliseconds since the epoch, or 0
   */
  public record RouteState(
      String id,
      String from,
      String status,
      long exchanges,
      long failed,
      double perSecond,
      String lastError,
      long lastErrorTime) {}

  /**
   * Rates over the last minutes, one value a second.
   *
   * @param times each sample's time, in milliseconds since the epoch
   * @param groups each group's rates at those times; null where the group was not seen yet
   */
  public record History(List<Long> times, Map<String, GroupHistory> groups) {}

  /** One group's rates per second at the times of its {@link History}. */
  public record GroupHistory(
      List<Double> datagramsIn,
      List<Double> datagramsOut,
      List<Double> bytesIn,
      List<Double> bytesOut) {}
}
