package dev.multicast.harness;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.multicast.core.Group;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/**
 * One host running {@code multicast}: a container of the {@link NodeImage} on one or more Docker
 * networks. Its main command is its role (idle by default, or {@link #hearing HEAR}, a {@link
 * #bridging bridge} or a {@link #brokering broker}); other commands {@link #run run} beside it, as
 * a user would run them in a shell on that host.
 *
 * <pre>{@code
 * try (Network lan = Network.newNetwork();
 *     MulticastNode speaker = new MulticastNode("speaker").on(lan);
 *     MulticastNode listener = new MulticastNode("listener").on(lan)) {
 *   Startables.deepStart(speaker, listener).join();
 *   MulticastNode.Running recv = listener.start("RECV", "--group", "239.1.2.3", "--timeout", "5");
 *   speaker.run("SAY", "--group", "239.1.2.3", "-m", "hello");
 *   assertEquals("hello\n", recv.await().stdout());
 * }
 * }</pre>
 */
public class MulticastNode extends GenericContainer<MulticastNode> {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final long MEBIBYTE = 1024 * 1024;

  private final String name;
  private final List<Network> networks = new ArrayList<>();
  private String readyLine;
  private boolean hasRoutes;

  public MulticastNode(String name) {
    super(NodeImage.name());
    this.name = name;
    withCreateContainerCmdModifier(
        create -> {
          create.withHostName(name);
          create.getHostConfig().withMemory(384 * MEBIBYTE).withMemorySwap(384 * MEBIBYTE);
        });
  }

  /** The node's name: its host name, and its alias on every network it joins. */
  public String name() {
    return name;
  }

  /** Joins a network, the first one as the node's eth0, the next as eth1 and so on. */
  public MulticastNode on(Network network) {
    networks.add(network);
    if (networks.size() == 1) {
      withNetwork(network);
      withNetworkAliases(name);
    }
    return this;
  }

  /** Runs {@code HEAR --daemon --iface eth0 --group G --port P ARGS...} as the node's role. */
  public MulticastNode hearing(Group home, String... args) {
    return hearing(concat(on(home, "HEAR").subList(1, 7), args).toArray(String[]::new));
  }

  /** Runs {@code HEAR --daemon} with these arguments as the node's role. */
  public MulticastNode hearing(String... args) {
    return role("HEAR: listening on", concat(List.of("--verbose", "HEAR", "--daemon"), args));
  }

  /**
   * Runs {@code multicast bridge --iface eth0 --group G --port P} as the node's role, with the
   * route files given to {@link #withRoutes} when there are any, then these arguments.
   */
  public MulticastNode bridging(Group group, String... args) {
    List<String> all = new ArrayList<>(on(group, "bridge").subList(1, 7));
    if (hasRoutes) {
      all.addAll(List.of("--routes", "/routes"));
    }
    all.addAll(Arrays.asList(args));
    return bridging(all.toArray(String[]::new));
  }

  /** Runs {@code multicast bridge} with these arguments as the node's role. */
  public MulticastNode bridging(String... args) {
    return role("multicast bridge:", concat(List.of("bridge"), args))
        .withCreateContainerCmdModifier(
            create ->
                create.getHostConfig().withMemory(768 * MEBIBYTE).withMemorySwap(768 * MEBIBYTE));
  }

  /**
   * Runs {@code multicast broker}, listening on every network the node joins, for anonymous clients
   * (knowingly: the networks are the test's own).
   */
  public MulticastNode brokering() {
    return role("multicast broker:", List.of("broker", "--listen", "0.0.0.0", "--allow-anonymous"))
        .withCreateContainerCmdModifier(
            create ->
                create.getHostConfig().withMemory(768 * MEBIBYTE).withMemorySwap(768 * MEBIBYTE));
  }

  /** Puts route files into the node's {@code /routes}, for {@code bridge --routes /routes}. */
  public MulticastNode withRoutes(Path... files) {
    hasRoutes = true;
    for (Path file : files) {
      withCopyToContainer(MountableFile.forHostPath(file), "/routes/" + file.getFileName());
    }
    return this;
  }

  private MulticastNode role(String ready, List<String> args) {
    readyLine = ready;
    withCommand(args.toArray(String[]::new));
    return waitingFor(
        Wait.forLogMessage(".*" + Pattern.quote(ready) + ".*\\n", 1)
            .withStartupTimeout(Duration.ofSeconds(90)));
  }

  @Override
  protected void containerIsStarted(InspectContainerResponse info) {
    for (Network more : networks.subList(1, networks.size())) {
      connect(more);
    }
  }

  /** {@code SAY --iface eth0 --group G --port P ARGS...}, waited for. */
  public Result say(Group group, String... args) {
    return startSay(group, args).await();
  }

  /** The same SAY, in the background. */
  public Running startSay(Group group, String... args) {
    return start(concat(on(group, "SAY"), args).toArray(String[]::new));
  }

  /**
   * {@code RECV --daemon --iface eth0 --group G --port P ARGS...}, returned once it has joined;
   * give it a {@code --count} or {@code --timeout} to end.
   */
  public Running recv(Group group, String... args) {
    List<String> command = new ArrayList<>(List.of("--verbose", "--daemon"));
    command.addAll(concat(on(group, "RECV"), args));
    return start(command.toArray(String[]::new)).awaitListening();
  }

  /** {@code COMMAND --iface eth0 --group G --port P}: on the node's first network. */
  private static List<String> on(Group group, String command) {
    return List.of(
        command,
        "--iface",
        "eth0",
        "--group",
        group.host(),
        "--port",
        Integer.toString(group.port()));
  }

  /** Runs a {@code multicast} command on this node and waits for it to end. */
  public Result run(String... args) {
    return start(args).await();
  }

  /** Starts a {@code multicast} command on this node, to {@link Running#await await} later. */
  public Running start(String... args) {
    DockerClient docker = getDockerClient();
    List<String> command = new ArrayList<>(NodeImage.multicast());
    command.addAll(Arrays.asList(args));
    ExecCreateCmdResponse exec =
        docker
            .execCreateCmd(getContainerId())
            .withAttachStdout(true)
            .withAttachStderr(true)
            .withCmd(command.toArray(String[]::new))
            .exec();
    Running running = new Running(docker, exec.getId(), String.join(" ", args));
    docker.execStartCmd(exec.getId()).exec(running);
    return running;
  }

  /** What the node's main command printed so far, standard output and error. */
  public String output() {
    return getLogs();
  }

  /** The node's address on a network it joined. */
  public String address(Network network) {
    return getContainerInfo().getNetworkSettings().getNetworks().values().stream()
        .filter(joined -> joined.getNetworkID().equals(network.getId()))
        .map(ContainerNetwork::getIpAddress)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(name + " is not on " + network.getId()));
  }

  /** Waits for the node's main command to end by itself, and returns its exit code. */
  public int awaitExit(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      InspectContainerResponse.ContainerState state =
          getDockerClient().inspectContainerCmd(getContainerId()).exec().getState();
      if (!Boolean.TRUE.equals(state.getRunning())) {
        return state.getExitCodeLong().intValue();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " still running after " + timeout + ":\n" + output());
      }
      sleep(100);
    }
  }

  /** Kills the node at once (SIGKILL), as a crash or a power cut would. */
  public MulticastNode kill() {
    getDockerClient().killContainerCmd(getContainerId()).exec();
    return this;
  }

  /** Starts a killed or stopped node again and waits until its role is ready once more. */
  public MulticastNode restart() {
    int before = readyCount();
    getDockerClient().startContainerCmd(getContainerId()).exec();
    awaitReady(before);
    return this;
  }

  /** Stops the node gracefully (SIGTERM, then SIGKILL after 10 s) and starts it again. */
  public MulticastNode reboot() {
    int before = readyCount();
    getDockerClient().restartContainerCmd(getContainerId()).withTimeout(10).exec();
    awaitReady(before);
    return this;
  }

  /** Cuts the node off a network, as an unplugged cable would. */
  public MulticastNode disconnect(Network network) {
    getDockerClient()
        .disconnectFromNetworkCmd()
        .withNetworkId(network.getId())
        .withContainerId(getContainerId())
        .exec();
    return this;
  }

  /** Plugs the node back into a network, with its name as its alias there. */
  public MulticastNode connect(Network network) {
    getDockerClient()
        .connectToNetworkCmd()
        .withNetworkId(network.getId())
        .withContainerId(getContainerId())
        .withContainerNetwork(new ContainerNetwork().withAliases(name))
        .exec();
    return this;
  }

  private int readyCount() {
    if (readyLine == null) {
      return 0;
    }
    return output().split(Pattern.quote(readyLine), -1).length - 1;
  }

  private void awaitReady(int before) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (readyLine != null && readyCount() <= before) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not get ready again:\n" + output());
      }
      sleep(200);
    }
    while (!isRunning()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not start again:\n" + output());
      }
      sleep(200);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> concat(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(Arrays.asList(rest));
    return all;
  }

  /** How a command ended: its exit code and what it printed. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** Standard output, a line each. */
    public List<String> lines() {
      return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  /** A command running on a node. */
  public static final class Running extends ResultCallback.Adapter<Frame> {
    private final DockerClient docker;
    private final String execId;
    private final String command;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    // Not awaitCompletion(0): docker-java closes the stream on every awaitCompletion.
    private final CountDownLatch ended = new CountDownLatch(1);

    private Running(DockerClient docker, String execId, String command) {
      this.docker = docker;
      this.execId = execId;
      this.command = command;
    }

    @Override
    public void onNext(Frame frame) {
      synchronized (this) {
        (frame.getStreamType() == StreamType.STDERR ? stderr : stdout)
            .writeBytes(frame.getPayload());
      }
    }

    /** Standard output so far. */
    public synchronized String stdout() {
      return stdout.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the command prints this text on either stream, as RECV does when it listens. */
    public Running awaitPrinted(String text) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!printed().contains(text)) {
        if (System.nanoTime() > deadline || isDone()) {
          throw new IllegalStateException(
              "'"
                  + command
                  + "' never printed '"
                  + text
                  + "': "
                  + (isDone() ? await() : printed()));
        }
        sleep(20);
      }
      return this;
    }

    /** Waits until a command started with {@code --verbose} has joined its groups. */
    public Running awaitListening() {
      return awaitPrinted("listening on");
    }

    private synchronized String printed() {
      return stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
    }

    private boolean isDone() {
      return ended.getCount() == 0;
    }

    @Override
    public void onComplete() {
      ended.countDown();
      super.onComplete();
    }

    @Override
    public void onError(Throwable throwable) {
      ended.countDown();
      super.onError(throwable);
    }

    /** Waits up to a minute for the command to end. */
    public Result await() {
      return await(COMMAND_TIMEOUT);
    }

    public Result await(Duration timeout) {
      try {
        if (!awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(
              "'" + command + "' still running after " + timeout + ":\n" + stdout());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
      synchronized (this) {
        return new Result(
            code == null ? -1 : code.intValue(),
            stdout.toString(StandardCharsets.UTF_8),
            stderr.toString(StandardCharsets.UTF_8));
      }
    }
  }
}
