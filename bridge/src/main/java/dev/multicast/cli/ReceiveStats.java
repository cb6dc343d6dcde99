package dev.multicast.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Counts what RECV received and reports it on standard error: a live line each second when a person
 * is watching, and one summary at the end (also when interrupted).
 */
final class ReceiveStats implements AutoCloseable {
  private final PrintWriter err;
  private final ScheduledExecutorService ticker;
  // Written by the receiving thread only, on its hot path, so plain fields: the live line may show
  // a count a moment old, and the summary runs on that thread or after it was stopped.
  private long datagrams;
  private long bytes;
  private long firstNanos;
  private long lastNanos;
  private boolean summarized;
  private Supplier<String> more = () -> "";

  ReceiveStats(PrintWriter err, boolean live) {
    this.err = err;
    this.ticker =
        live
            ? Executors.newSingleThreadScheduledExecutor(
                task -> {
                  Thread thread = new Thread(task, "multicast-stats");
                  thread.setDaemon(true);
                  return thread;
                })
            : null;
    if (live) {
      ticker.scheduleAtFixedRate(this::liveLine, 1, 1, TimeUnit.SECONDS);
    }
  }

  /** More to say at the end of each line, such as what envelopes tell of loss. */
  void describeWith(Supplier<String> more) {
    this.more = more;
  }

  void add(int size) {
    long now = System.nanoTime();
    if (datagrams == 0) {
      firstNanos = now;
    }
    datagrams++;
    bytes += size;
    lastNanos = now;
  }

  long datagrams() {
    return datagrams;
  }

  private synchronized void liveLine() {
    if (!summarized) {
      err.print("\r" + line());
      err.flush();
    }
  }

  /** Prints the summary once, whichever of the normal end and a signal comes first. */
  synchronized void summarize() {
    if (summarized) {
      return;
    }
    summarized = true;
    if (ticker != null) {
      ticker.shutdownNow();
      err.print("\r");
    }
    err.println(line());
    err.flush();
  }

  private String line() {
    // The rate runs from the first datagram to the last, so time spent waiting does not count.
    double seconds = (lastNanos - firstNanos) / 1e9;
    double rate = seconds > 0 ? (datagrams - 1) / seconds : 0;
    return String.format(
            "RECV: received %d datagrams, %d bytes in %.3f s (%.0f datagrams/s)",
            datagrams, bytes, seconds, rate)
        + more.get();
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
