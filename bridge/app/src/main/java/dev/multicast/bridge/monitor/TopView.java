package dev.multicast.bridge.monitor;

import dev.multicast.bridge.monitor.MonitorState.ConnectionState;
import dev.multicast.bridge.monitor.MonitorState.DeadLetterReason;
import dev.multicast.bridge.monitor.MonitorState.DropCount;
import dev.multicast.bridge.monitor.MonitorState.GroupState;
import dev.multicast.bridge.monitor.MonitorState.HoldState;
import dev.multicast.bridge.monitor.MonitorState.RouteState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The monitor page as a table of text, for {@code multicast top}: what the page shows, in rows. */
public final class TopView {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

  private TopView() {}

  /** The whole table for {@code state} from {@code source}, lines ending in {@code \n}. */
  public static String render(String source, MonitorState state) {
    StringBuilder out = new StringBuilder();
    line(out, "multicast bridge at %s · %s", source, time(state.time()));
    out.append('\n');
    groups(out, state);
    drops(out, state);
    deadLetters(out, state);
    out.append('\n');
    for (HoldState hold : state.holds()) {
      line(out, "%-12s %-30s %s", "HOLD", cut(hold.queue(), 30), fill(hold));
    }
    for (ConnectionState connection : state.connections()) {
      line(
          out,
          "%-12s %-5s %s",
          connection.name().toUpperCase(Locale.ROOT),
          connection.status(),
          cut(connection.detail(), 80));
    }
    out.append('\n');
    routes(out, state);
    return out.toString();
  }

  private static void groups(StringBuilder out, MonitorState state) {
    line(
        out,
        "%-24s %-10s %-12s %9s %7s %11s %9s %7s %11s",
        "GROUP",
        "INTERFACE",
        "STATE",
        "IN",
        "TOTAL",
        "BYTES",
        "OUT",
        "TOTAL",
        "BYTES");
    for (GroupState group : state.groups()) {
      line(
          out,
          "%-24s %-10s %-12s %9s %7s %11s %9s %7s %11s",
          cut(group.group(), 24),
          cut(group.iface().isEmpty() ? "–" : group.iface(), 10),
          cut(group.status().equals("not-joined") ? group.detail() : group.status(), 12),
          Figures.rate(group.in().datagramsPerSecond()),
          Figures.count(group.in().datagrams()),
          Figures.byteRate(group.in().bytesPerSecond()),
          Figures.rate(group.out().datagramsPerSecond()),
          Figures.count(group.out().datagrams()),
          Figures.byteRate(group.out().bytesPerSecond()));
    }
    if (state.groups().isEmpty()) {
      line(out, "(no group yet)");
    }
    if (state.groupsNotShown() > 0) {
      line(out, "(%d more groups not shown)", state.groupsNotShown());
    }
    out.append('\n');
  }

  private static void drops(StringBuilder out, MonitorState state) {
    line(out, "%-36s %-24s %12s %9s", "DROPS", "GROUP", "COUNT", "RATE");
    for (DropCount drop : state.drops()) {
      String reason = drop.kind().equals("rejected") ? "rejected: " + drop.reason() : drop.reason();
      line(
          out,
          "%-36s %-24s %12s %9s",
          cut(reason, 36),
          cut(drop.group().isEmpty() ? "–" : drop.group(), 24),
          drop.count() == null ? "not measured" : Figures.count(drop.count()),
          drop.count() == null ? "–" : Figures.rate(drop.perSecond()));
    }
  }

  private static void deadLetters(StringBuilder out, MonitorState state) {
    out.append('\n');
    line(
        out,
        "%-12s %s written, %s not written (directory full)",
        "DEAD LETTERS",
        Figures.count(state.deadLetters().count()),
        Figures.count(state.deadLetters().droppedFull()));
    for (DeadLetterReason reason : state.deadLetters().latest()) {
      line(
          out,
          "  %s  %s  %s",
          time(reason.time()),
          cut(reason.route(), 28),
          cut(reason.reason(), 80));
    }
  }

  private static void routes(StringBuilder out, MonitorState state) {
    line(
        out,
        "%-30s %-9s %9s %7s %7s  %s",
        "ROUTE",
        "STATE",
        "RATE",
        "TOTAL",
        "FAILED",
        "LAST ERROR");
    for (RouteState route : state.routes()) {
      line(
          out,
          "%-30s %-9s %9s %7s %7s  %s",
          cut(route.id(), 30),
          cut(route.status().toLowerCase(Locale.ROOT), 9),
          Figures.rate(route.perSecond()),
          Figures.count(route.exchanges()),
          Figures.count(route.failed()),
          route.lastError().isEmpty()
              ? "–"
              : time(route.lastErrorTime()) + " " + cut(route.lastError(), 60));
    }
  }

  private static String fill(HoldState hold) {
    if (hold.capacity() >= Integer.MAX_VALUE) {
      return Figures.count(hold.held()) + " held (unbounded)";
    }
    return String.format(
        Locale.ROOT,
        "%s of %s (%d%%)",
        Figures.count(hold.held()),
        Figures.count(hold.capacity()),
        hold.capacity() == 0 ? 0 : Math.round(100.0 * hold.held() / hold.capacity()));
  }

  private static String time(long millis) {
    return TIME.format(Instant.ofEpochMilli(millis));
  }

  /** At most {@code width} characters: a long name ends in an ellipsis, not in the next column. */
  private static String cut(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args).stripTrailing()).append('\n');
  }
}
