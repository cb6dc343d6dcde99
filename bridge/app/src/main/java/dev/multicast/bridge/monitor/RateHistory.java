package dev.multicast.bridge.monitor;

import dev.multicast.bridge.monitor.MonitorState.Flow;
import dev.multicast.bridge.monitor.MonitorState.GroupHistory;
import dev.multicast.bridge.monitor.MonitorState.GroupState;
import dev.multicast.bridge.monitor.MonitorState.History;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The groups' rates of the last {@code capacity} samples, for the chart of a page that opens. */
final class RateHistory {
  private record Sample(long time, Map<String, Flow[]> groups) {}

  private final int capacity;

  // guarded by this
  private final Deque<Sample> samples = new ArrayDeque<>();

  RateHistory(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(long time, List<GroupState> groups) {
    Map<String, Flow[]> rates = new LinkedHashMap<>();
    for (GroupState group : groups) {
      rates.put(group.group(), new Flow[] {group.in(), group.out()});
    }
    samples.addLast(new Sample(time, rates));
    while (samples.size() > capacity) {
      samples.removeFirst();
    }
  }

  synchronized History history() {
    List<Long> times = new ArrayList<>(samples.size());
    Set<String> names = new LinkedHashSet<>();
    for (Sample sample : samples) {
      times.add(sample.time());
      names.addAll(sample.groups().keySet());
    }
    Map<String, GroupHistory> groups = new LinkedHashMap<>();
    for (String name : names) {
      List<Double> datagramsIn = new ArrayList<>(samples.size());
      List<Double> datagramsOut = new ArrayList<>(samples.size());
      List<Double> bytesIn = new ArrayList<>(samples.size());
      List<Double> bytesOut = new ArrayList<>(samples.size());
      for (Sample sample : samples) {
        Flow[] flows = sample.groups().get(name);
        datagramsIn.add(flows == null ? null : flows[0].datagramsPerSecond());
        datagramsOut.add(flows == null ? null : flows[1].datagramsPerSecond());
        bytesIn.add(flows == null ? null : flows[0].bytesPerSecond());
        bytesOut.add(flows == null ? null : flows[1].bytesPerSecond());
      }
      groups.put(name, new GroupHistory(datagramsIn, datagramsOut, bytesIn, bytesOut));
    }
    return new History(times, groups);
  }
}
