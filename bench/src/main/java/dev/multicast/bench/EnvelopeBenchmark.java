package dev.multicast.bench;

import dev.multicast.security.Envelope;
import dev.multicast.security.EnvelopeMode;
import dev.multicast.security.GroupKey;
import dev.multicast.security.OpenResult;
import dev.multicast.security.Opener;
import dev.multicast.security.Sealer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Time per datagram to seal and to open envelopes, in auth and seal mode, at 100 and 1,400 bytes of
 * payload. Run it with {@code bench/envelope}, which builds first and bounds the iterations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class EnvelopeBenchmark {
  // Envelopes opened in turn: enough distinct sequence numbers that opening measures the accepted
  // path, not replay rejections. A fresh opener every pass costs under a nanosecond per datagram.
  private static final int RING = 4096;

  @Param({"AUTH", "SEAL"})
  public EnvelopeMode mode;

  @Param({"100", "1400"})
  public int size;

  private final GroupKey key = GroupKey.generate();
  private final byte[] out = new byte[Envelope.MAX_LENGTH];
  private byte[] payload;
  private Sealer sealer;
  private byte[][] ring;
  private int next;
  private Opener opener;
  private OpenResult last;

  @Setup(Level.Iteration)
  public void setUp() {
    payload = new byte[size];
    new Random(size).nextBytes(payload);
    sealer = Sealer.keyed(mode, key);
    ring = new byte[RING][];
    for (int i = 0; i < RING; i++) {
      ring[i] = sealer.encode(payload); // stamped now: fresh for the opener's 30 s
    }
    next = 0;
    opener = Opener.keyed(key);
  }

  @TearDown(Level.Iteration)
  public void checkOpenedNotRejected() {
    if (last != null && !last.accepted()) {
      throw new IllegalStateException("the last envelope was rejected: " + last);
    }
  }

  @Benchmark
  public int encode() {
    return sealer.encode(payload, 0, size, out, 0);
  }

  @Benchmark
  public OpenResult decode() {
    if (next == RING) {
      next = 0;
      opener = Opener.keyed(key);
    }
    last = opener.open(ring[next++]);
    return last;
  }
}
