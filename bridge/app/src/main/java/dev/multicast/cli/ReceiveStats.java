package dev.multicast.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.multicast.security.LossStats;
import dev.multicast.security.RejectReason;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
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
  private final boolean json;
  private EnvelopeReader envelopes;
  private Supplier<OptionalLong> kernelDrops = OptionalLong::empty;

  /**
   * @param live a line each second, redrawn in place, for a person watching a terminal
   * @param json the summary as one JSON object, for {@code --format json}
   */
  ReceiveStats(PrintWriter err, boolean live, boolean json) {
    this.err = err;
    this.json = json;
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

  /** Adds what envelopes tell: loss from their sequence numbers, and what was rejected. */
  void describeWith(EnvelopeReader envelopes) {
    this.envelopes = envelopes;
  }

  /**
   * Adds what the kernel discarded at the receiver's sockets because it fell behind, so that
   * received plus dropped accounts for everything that reached this host.
   */
  void countKernelDrops(Supplier<OptionalLong> drops) {
    this.kernelDrops = drops;
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
    err.println(json ? jsonLine() : line());
    err.flush();
  }

  private String line() {
    // The rate runs from the first datagram to the last, so time spent waiting does not count.
    double seconds = seconds();
    double rate = seconds > 0 ? (datagrams - 1) / seconds : 0;
    return String.format(
            "RECV: received %d datagrams, %d bytes in %.3f s (%.0f datagrams/s)",
            datagrams, bytes, seconds, rate)
        + kernelDrops.get().stream()
            .mapToObj(dropped -> String.format(", %d dropped by the kernel", dropped))
            .findFirst()
            .orElse(", kernel drops not shown on this system")
        + (envelopes == null ? "" : envelopes.describe());
  }

  private double seconds() {
    return (lastNanos - firstNanos) / 1e9;
  }

  /** {@code {"received":3,"bytes":42,"seconds":0.001,"rate":4830,"dropped":0,"lost":0,...}}. */
  private String jsonLine() {
    double seconds = seconds();
    StringWriter text = new StringWriter();
    try (JsonGenerator out = new JsonFactory().createGenerator(text)) {
      out.writeStartObject();
      out.writeNumberField("received", datagrams);
      out.writeNumberField("bytes", bytes);
      out.writeNumberField("seconds", seconds);
      out.writeNumberField("rate", seconds > 0 ? Math.round((datagrams - 1) / seconds) : 0);
      OptionalLong dropped = kernelDrops.get();
      if (dropped.isPresent()) {
        out.writeNumberField("dropped", dropped.getAsLong());
      } else {
        out.writeNullField("dropped"); // this system does not say
      }
      if (envelopes != null) {
        LossStats loss = envelopes.loss();
        out.writeNumberField("lost", loss.lost());
        out.writeNumberField("duplicated", loss.duplicated());
        out.writeNumberField("reordered", loss.reordered());
        out.writeObjectFieldStart("rejected");
        for (Map.Entry<RejectReason, Long> rejected : envelopes.rejected().entrySet()) {
          out.writeNumberField(
              rejected.getKey().name().toLowerCase(Locale.ROOT), rejected.getValue());
        }
        out.writeEndObject();
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
