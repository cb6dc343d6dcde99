package dev.multicast.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a command does when the process is interrupted (SIGINT) or terminated (SIGTERM): the hook
 * only stops the command's loop (closing its sockets, which leaves their groups), then waits for
 * the command to finish on its own thread (flush its output, print its statistics) before the JVM
 * exits with 130 or 143. Install it first in a try-with-resources, so that it is closed last.
 */
final class OnSignal implements AutoCloseable {
  private static final long FINISH_MILLIS = 2_000;

  private final Thread hook;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile Runnable stop = () -> {};
  private volatile boolean fired;

  private OnSignal() {
    this.hook =
        new Thread(
            () -> {
              fired = true;
              stop.run();
              try {
                finished.await(FINISH_MILLIS, TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "multicast-shutdown");
  }

  static OnSignal install() {
    OnSignal guard = new OnSignal();
    Runtime.getRuntime().addShutdownHook(guard.hook);
    return guard;
  }

  /** How to stop the command's loop; safe to call from the hook's thread. */
  void whenFired(Runnable action) {
    stop = action;
    if (fired) {
      action.run();
    }
  }

  /** Whether the process is shutting down, so that a closed socket is no error to report. */
  boolean fired() {
    return fired;
  }

  /** The command has finished: lets a waiting hook end, or removes the hook. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run: nothing to remove.
    }
  }
}
