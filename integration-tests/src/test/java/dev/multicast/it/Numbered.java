package dev.multicast.it;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * What a receiver printed of numbered datagrams ({@code SAY --numbered -m TEXT}: {@code "N TEXT"} a
 * line), counted by number: which of 1 to N arrived, how often.
 *
 * @param text the message the speaker numbered; other lines are left out
 * @param counts how many times each number arrived
 */
record Numbered(String text, Map<Integer, Integer> counts) {
  /** The lines of {@code printed} that end in {@code " " + text}, counted by their number. */
  static Numbered of(String printed, String text) {
    Map<Integer, Integer> counts = new TreeMap<>();
    String suffix = " " + text;
    for (String line : printed.split("\n")) {
      if (line.endsWith(suffix)) {
        counts.merge(
            Integer.parseInt(line.substring(0, line.length() - suffix.length())), 1, Integer::sum);
      }
    }
    return new Numbered(text, counts);
  }

  /** How many of 1 to {@code count} arrived at least once. */
  long arrived(int count) {
    return counts.keySet().stream().filter(n -> n >= 1 && n <= count).count();
  }

  /** Which of 1 to {@code count} never arrived. */
  List<Integer> missing(int count) {
    return IntStream.rangeClosed(1, count).filter(n -> !counts.containsKey(n)).boxed().toList();
  }

  /** How many arrivals were repeats of a number that had arrived before. */
  long duplicates() {
    return counts.values().stream().mapToLong(times -> times - 1).sum();
  }

  /** Every arrival: first ones and repeats. */
  long total() {
    return counts.values().stream().mapToLong(Integer::longValue).sum();
  }

  /** A line for the test's output and failure messages. */
  String summary(int count) {
    List<Integer> missing = missing(count);
    return String.format(
        "%s: %d of %d arrived, %d duplicates, %d missing%s",
        text,
        arrived(count),
        count,
        duplicates(),
        missing.size(),
        missing.isEmpty() ? "" : " " + missing.subList(0, Math.min(20, missing.size())));
  }
}
