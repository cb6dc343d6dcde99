package dev.multicast.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Runs the command line in this JVM with its own streams and environment, the way a shell would,
 * and hands back exit code, standard output and standard error.
 */
final class Cli {
  /** What a run left behind. */
  record Result(int exitCode, byte[] outBytes, String err) {
    String out() {
      return new String(outBytes, StandardCharsets.UTF_8);
    }
  }

  /** A run in the background, for RECV and HEAR while the test sends. */
  static final class Running {
    private final CompletableFuture<Result> result;
    private final StringWriter err;

    private Running(CompletableFuture<Result> result, StringWriter err) {
      this.result = result;
      this.err = err;
    }

    /** Waits until the command has said on standard error that it is listening. */
    Running awaitListening() {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(5))
          .failFast(
              () ->
                  assertFalse(
                      result.isDone() && !listening(), () -> "ended: " + err + result.getNow(null)))
          .untilAsserted(() -> assertTrue(listening(), () -> "never listened: " + err));
      return this;
    }

    /** Whether the command has ended. */
    boolean isDone() {
      return result.isDone();
    }

    private boolean listening() {
      return err.toString().contains("listening on");
    }

    Result await() throws Exception {
      return result.get(30, TimeUnit.SECONDS);
    }
  }

  private Cli() {}

  /** {@code COMMAND --iface lo --group G --port P ARGS...}: a command pinned to lo and a group. */
  static String[] on(Group group, String command, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                command, "--iface", "lo", "--group", group.host(), "--port", "" + group.port()));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  static Result run(String... args) {
    return run(Map.of(), new byte[0], args);
  }

  static Result run(Map<String, String> env, byte[] stdin, String... args) {
    return run(env, stdin, new ByteArrayOutputStream(), new StringWriter(), args);
  }

  /** Starts the command line in a JVM of its own, for signals; standard output goes to a file. */
  static Process spawn(Path out, String... args) throws IOException {
    return spawn(Redirect.to(out.toFile()), args);
  }

  /** As {@link #spawn(Path, String...)}, with standard error to a file too. */
  static Process spawn(Path out, Path err, String... args) throws IOException {
    return new ProcessBuilder(java(args))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
  }

  /**
   * Starts the command line in a JVM of its own with standard output where {@code out} says: a pipe
   * the test reads and closes, or a device such as /dev/full.
   */
  static Process spawn(Redirect out, String... args) throws IOException {
    return new ProcessBuilder(java(args)).redirectOutput(out).start();
  }

  /**
   * Starts the command line in a JVM of its own from bash, which runs {@code script} with the JVM's
   * command line as {@code "$@"}: {@code ulimit -n 1024; exec "$@"}, or {@code exec "$@" >&-}.
   */
  static Process spawnFromBash(String script, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bash"));
    command.addAll(java(args));
    return new ProcessBuilder(command).start();
  }

  private static List<String> java(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Waits until a command started by {@link #spawn} has written {@code text} to its output file;
   * fails at once, with what it wrote, if it ends first.
   */
  static void awaitOutput(Process process, Path out, String text, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .failFast(() -> assertTrue(process.isAlive(), "ended: " + Files.readString(out)))
        .untilAsserted(
            () -> {
              String written = Files.readString(out);
              assertTrue(written.contains(text), "no '" + text + "' yet in: " + written);
            });
  }

  /** Starts the command with {@code --verbose} so that it reports when it listens. */
  static Running start(String... args) {
    return start(Map.of(), args);
  }

  static Running start(Map<String, String> env, String... args) {
    StringWriter err = new StringWriter();
    String[] verbose = new String[args.length + 1];
    verbose[0] = "--verbose";
    System.arraycopy(args, 0, verbose, 1, args.length);
    CompletableFuture<Result> result =
        CompletableFuture.supplyAsync(
            () -> run(env, new byte[0], new ByteArrayOutputStream(), err, verbose));
    return new Running(result, err);
  }

  private static Result run(
      Map<String, String> env, byte[] stdin, OutputStream out, StringWriter err, String... args) {
    Context context =
        new Context(new ByteArrayInputStream(stdin), out, new PrintWriter(err, true), env, false);
    int code = MulticastCommand.commandLine(context, args).execute(args);
    byte[] bytes = out instanceof ByteArrayOutputStream buffer ? buffer.toByteArray() : new byte[0];
    return new Result(code, bytes, err.toString());
  }
}
