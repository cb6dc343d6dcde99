package dev.multicast.cli;

/**
 * Runs an action when the process is interrupted (SIGINT) or terminated (SIGTERM): closes sockets,
 * which leaves their groups, and prints final statistics. The JVM then exits with 130 or 143.
 * Closing this guard when the command ends normally removes the action.
 */
final class OnSignal implements AutoCloseable {
  private final Thread hook;
  private volatile boolean fired;

  private OnSignal(Runnable action) {
    this.hook =
        new Thread(
            () -> {
              fired = true;
              action.run();
            },
            "multicast-shutdown");
  }

  static OnSignal run(Runnable action) {
    OnSignal guard = new OnSignal(action);
    Runtime.getRuntime().addShutdownHook(guard.hook);
    return guard;
  }

  /** Whether the process is shutting down, so that a closed socket is no error to report. */
  boolean fired() {
    return fired;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run: nothing to remove.
    }
  }
}
