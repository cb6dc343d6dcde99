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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.LazyFuture;
import org.testcontainers.utility.MountableFile;

/**
 * One host running {@code multicast}: a container of the {@link NodeImage} on one or more Docker
 * networks. Its main command is its role (idle by default, or {@link #hearing HEAR}, a {@link
 * #bridging bridge}, a {@link #brokering broker} or {@link #runningApplication a user's program});
 * other commands {@link #run run} beside it, as a user would run them in a shell on that host. Its
 * {@link #faults() link} can lose, duplicate and be partitioned.
 *
 * <p>Like every Testcontainers container, the {@code with}/{@code on}/role methods only store
 * settings, applied in {@link #configure()} when the node starts; it works with {@code
 * Startables.deepStart}, try-with-resources, and {@code @Testcontainers} with {@code @Container}.
 *
 * <pre>{@code
 * try (Network lan = Network.newNetwork();
 *     MulticastNode speaker = new MulticastNode("speaker").on(lan);
 *     MulticastNode listener = new MulticastNode("listener").on(lan)) {
 *   Startables.deepStart(speaker, listener).join();
 *   MulticastNode.Running recv = listener.recv(group, "--count", "1", "--timeout", "5");
 *   speaker.say(group, "-m", "hello");
 *   assertEquals(List.of("hello"), recv.await().lines());
 * }
 * }</pre>
 */
public class MulticastNode extends GenericContainer<MulticastNode> {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration PRINT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long MEBIBYTE = 1024 * 1024;
  private static final long NODE_MEMORY = 384 * MEBIBYTE;
  private static final long SERVER_MEMORY = 768 * MEBIBYTE;

  private final String name;
  private final boolean multicastImage;
  private final List<Network> networks = new ArrayList<>();
  private final List<Path> routes = new ArrayList<>();
  private long memory = NODE_MEMORY;
  private List<String> entrypoint;
  private List<String> command;
  private String readyLine;
  private Application application;
  private LinkFaults faults;

  /**
   * A host of the node image, which this builds from the app's jar on first use.
   *
   * @param name its host name, and its alias on every network it joins
   */
  public MulticastNode(String name) {
    super(NodeImage.lazily());
    this.name = name;
    this.multicastImage = true;
  }

  /**
   * A host of any image on this machine, for programs not on the JVM: its own entry point and
   * command run, {@link #exec exec} runs commands beside them, and {@link #faults()} work the same.
   * The {@code multicast} commands ({@link #say say}, {@link #recv recv}, the roles) need the node
   * image.
   *
   * @param name its host name, and its alias on every network it joins
   * @param image an image present locally (no registry is asked)
   */
  public MulticastNode(String name, DockerImageName image) {
    super(image);
    this.name = name;
    this.multicastImage = false;
  }

  /**
   * A host of an image built when the node starts, such as the {@link KafkaImage}'s: as {@link
   * #MulticastNode(String, DockerImageName)}, with its role given to {@link #serving}.
   */
  MulticastNode(String name, Future<String> image) {
    super(image);
    this.name = name;
    this.multicastImage = false;
  }

  /**
   * The node's name: its host name, and its alias on every network it joins.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Joins a network, the first one as the node's eth0, the next as eth1 and so on.
   *
   * @param network a network of the test's; the node's interfaces follow the order of these calls
   * @return this node
   */
  public MulticastNode on(Network network) {
    networks.add(network);
    return this;
  }

  /**
   * Runs {@code HEAR --daemon --iface eth0 --group G --port P ARGS...} as the node's role.
   *
   * @param home the group HEAR answers on
   * @param args further HEAR options
   * @return this node
   */
  public MulticastNode hearing(Group home, String... args) {
    return hearing(concat(on(home, "HEAR").subList(1, 7), args).toArray(String[]::new));
  }

  /**
   * Runs {@code HEAR --daemon} with these arguments as the node's role.
   *
   * @param args HEAR options
   * @return this node
   */
  public MulticastNode hearing(String... args) {
    return role("HEAR: listening on", concat(List.of("--verbose", "HEAR", "--daemon"), args));
  }

  /**
   * Runs {@code multicast bridge --iface eth0 --group G --port P} as the node's role, with the
   * route files given to {@link #withRoutes} when there are any, then these arguments.
   *
   * @param group the group bridged
   * @param args further bridge options
   * @return this node
   */
  public MulticastNode bridging(Group group, String... args) {
    List<String> all = new ArrayList<>(on(group, "bridge").subList(1, 7));
    if (!routes.isEmpty()) {
      all.addAll(List.of("--routes", "/routes"));
    }
    all.addAll(Arrays.asList(args));
    return bridging(all.toArray(String[]::new));
  }

  /**
   * Runs {@code multicast bridge} with these arguments as the node's role.
   *
   * @param args bridge options
   * @return this node
   */
  public MulticastNode bridging(String... args) {
    memory = SERVER_MEMORY;
    // The start-up summary, printed once the routes run; warnings come before it.
    return role("multicast bridge: group ", concat(List.of("bridge"), args));
  }

  /**
   * Runs {@code multicast broker}, listening on every network the node joins, for anonymous clients
   * (knowingly: the networks are the test's own).
   *
   * @return this node
   */
  public MulticastNode brokering() {
    memory = SERVER_MEMORY;
    return role("multicast broker:", List.of("broker", "--listen", "0.0.0.0", "--allow-anonymous"));
  }

  /**
   * Puts route files into the node's {@code /routes}, for {@code bridge --routes /routes}.
   *
   * @param files YAML route files on this machine
   * @return this node
   */
  public MulticastNode withRoutes(Path... files) {
    routes.addAll(Arrays.asList(files));
    return this;
  }

  /**
   * Puts a user's runnable jar on the node, in an image layered on the node image with the same
   * Java runtime; {@link #runningApplication} makes it the node's role, {@link #startApplication}
   * runs it beside the role.
   *
   * @param jar a jar with a Main-Class in its manifest
   * @return this node
   */
  public MulticastNode withApplication(Path jar) {
    application = Application.jar(jar);
    return this;
  }

  /**
   * Puts a user's program on the node: every jar in {@code dir} on its class path, started at
   * {@code mainClass}. See {@link #withApplication(Path)}.
   *
   * @param dir a directory of jars
   * @param mainClass the class whose main runs
   * @return this node
   */
  public MulticastNode withApplication(Path dir, String mainClass) {
    application = Application.classpath(dir, mainClass);
    return this;
  }

  /**
   * Runs the program given to {@link #withApplication} as the node's role, with these arguments;
   * the node counts as started once the program prints {@code readyLine} (on either stream).
   *
   * @param readyLine text the program prints once it is ready
   * @param args the program's arguments
   * @return this node
   */
  public MulticastNode runningApplication(String readyLine, String... args) {
    List<String> all = requiredApplication().command(List.of(args));
    entrypoint = all;
    command = List.of();
    this.readyLine = readyLine;
    return this;
  }

  /**
   * Runs the image's own entry point with these arguments as the node's role, a server with the
   * memory of a bridge; the node counts as started once it prints {@code readyLine}.
   *
   * @param readyLine text the server prints once it is ready
   * @param args the arguments to the image's entry point
   * @return this node
   */
  public MulticastNode serving(String readyLine, String... args) {
    memory = SERVER_MEMORY;
    this.readyLine = readyLine;
    command = List.of(args);
    return this;
  }

  private MulticastNode role(String ready, List<String> args) {
    requireMulticastImage();
    readyLine = ready;
    command = args;
    return this;
  }

  /** Applies the stored settings: host name, memory, networks, routes, image and role. */
  @Override
  protected void configure() {
    long limit = memory;
    withCreateContainerCmdModifier(
        create -> {
          create.withHostName(name);
          create.getHostConfig().withMemory(limit).withMemorySwap(limit);
          if (entrypoint != null) {
            create.withEntrypoint(entrypoint);
          }
        });
    if (!networks.isEmpty()) {
      withNetwork(networks.get(0));
      withNetworkAliases(name);
    }
    for (Path file : routes) {
      withCopyToContainer(MountableFile.forHostPath(file), "/routes/" + file.getFileName());
    }
    if (application != null) {
      Application layered = application;
      setImage(
          new LazyFuture<>() {
            @Override
            protected String resolve() {
              return NodeImage.layered(layered);
            }
          });
    }
    if (command != null) {
      withCommand(command.toArray(String[]::new));
    }
    if (readyLine != null) {
      waitingFor(
          Wait.forLogMessage(".*" + Pattern.quote(readyLine) + ".*\\n", 1)
              .withStartupTimeout(READY_TIMEOUT));
    }
  }

  /** Joins the networks after the first, which the container is created on. */
  @Override
  protected void containerIsStarted(InspectContainerResponse info) {
    for (Network more : networks.subList(Math.min(1, networks.size()), networks.size())) {
      connect(more);
    }
  }

  /**
   * The node's link, where faults are injected: loss, duplication, partitions.
   *
   * @return the node's faults, made on first use
   */
  public synchronized LinkFaults faults() {
    if (faults == null) {
      faults = new LinkFaults(this);
    }
    return faults;
  }

  /**
   * {@code SAY --iface eth0 --group G --port P ARGS...}, waited for.
   *
   * @param group the group to send to
   * @param args further SAY options
   * @return how SAY ended, with its output
   */
  public Result say(Group group, String... args) {
    return startSay(group, args).await();
  }

  /**
   * The same SAY, in the background.
   *
   * @param group the group to send to
   * @param args further SAY options
   * @return the running SAY
   */
  public Running startSay(Group group, String... args) {
    return start(concat(on(group, "SAY"), args).toArray(String[]::new));
  }

  /**
   * {@code RECV --daemon --iface eth0 --group G --port P ARGS...}, returned once it has joined;
   * give it a {@code --count} or {@code --timeout} to end.
   *
   * @param group the group to receive
   * @param args further RECV options
   * @return the running RECV, already joined
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

  /**
   * Runs a {@code multicast} command on this node and waits for it to end.
   *
   * @param args the command line after {@code multicast}
   * @return how it ended, with its output
   */
  public Result run(String... args) {
    return start(args).await();
  }

  /**
   * Starts a {@code multicast} command on this node, to {@link Running#await await} later.
   *
   * @param args the command line after {@code multicast}
   * @return the running command
   */
  public Running start(String... args) {
    requireMulticastImage();
    return exec(concat(NodeImage.multicast(), args), String.join(" ", args));
  }

  /**
   * Starts the program given to {@link #withApplication} beside the node's role, with these
   * arguments, its standard output and error captured.
   *
   * @param args the program's arguments
   * @return the running program
   */
  public Running startApplication(String... args) {
    return exec(
        requiredApplication().command(List.of(args)), "application " + String.join(" ", args));
  }

  /**
   * Runs the program given to {@link #withApplication} and waits for it to end.
   *
   * @param args the program's arguments
   * @return how it ended, with its output
   */
  public Result runApplication(String... args) {
    return startApplication(args).await();
  }

  /**
   * Starts any command the node's image has (no shell is involved), its output captured.
   *
   * @param command the program and its arguments
   * @return the running command
   */
  public Running exec(String... command) {
    return exec(List.of(command), String.join(" ", command));
  }

  private Running exec(List<String> command, String description) {
    DockerClient docker = getDockerClient();
    ExecCreateCmdResponse exec =
        docker
            .execCreateCmd(getContainerId())
            .withAttachStdout(true)
            .withAttachStderr(true)
            .withCmd(command.toArray(String[]::new))
            .exec();
    Running running = new Running(docker, exec.getId(), description);
    docker.execStartCmd(exec.getId()).exec(running);
    return running;
  }

  private Application requiredApplication() {
    if (application == null) {
      throw new IllegalStateException(name + " has no application: call withApplication first");
    }
    return application;
  }

  private void requireMulticastImage() {
    if (!multicastImage) {
      throw new IllegalStateException(
          name + " runs " + getDockerImageName() + ", not the node image");
    }
  }

  /**
   * What the node's main command printed so far, standard output and error.
   *
   * @return the log so far
   */
  public String output() {
    return getLogs();
  }

  /**
   * The node's address on a network it joined.
   *
   * @param network a network the node is on
   * @return its IPv4 address there
   */
  public String address(Network network) {
    // Asked afresh: a node plugged back in may have a new address.
    return getDockerClient()
        .inspectContainerCmd(getContainerId())
        .exec()
        .getNetworkSettings()
        .getNetworks()
        .values()
        .stream()
        .filter(joined -> joined.getNetworkID().equals(network.getId()))
        .map(ContainerNetwork::getIpAddress)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(name + " is not on " + network.getId()));
  }

  /**
   * Waits for the node's main command to end by itself, and returns its exit code.
   *
   * @param timeout the longest to wait
   * @return the exit code
   */
  public int awaitExit(Duration timeout) {
    awaitCondition(
        timeout,
        () -> !Boolean.TRUE.equals(state().getRunning()),
        "still running after " + timeout);
    return state().getExitCodeLong().intValue();
  }

  private InspectContainerResponse.ContainerState state() {
    return getDockerClient().inspectContainerCmd(getContainerId()).exec().getState();
  }

  /**
   * Kills the node at once (SIGKILL), as a crash or a power cut would.
   *
   * @return this node
   */
  public MulticastNode kill() {
    getDockerClient().killContainerCmd(getContainerId()).exec();
    return this;
  }

  /**
   * Starts a killed or stopped node again and waits until its role is ready once more.
   *
   * @return this node, ready again
   */
  public MulticastNode restart() {
    int before = readyCount();
    getDockerClient().startContainerCmd(getContainerId()).exec();
    awaitReady(before);
    return this;
  }

  /**
   * Stops the node gracefully (SIGTERM, then SIGKILL after 10 s), keeping it to {@link #restart}
   * later.
   *
   * @return this node, stopped
   */
  public MulticastNode shutDown() {
    getDockerClient().stopContainerCmd(getContainerId()).withTimeout(10).exec();
    return this;
  }

  /**
   * Freezes every process of the node (the cgroup freezer, as SIGSTOP would): it keeps its
   * addresses and connections but answers nothing until {@link #unpause}.
   *
   * @return this node, frozen
   */
  public MulticastNode pause() {
    getDockerClient().pauseContainerCmd(getContainerId()).exec();
    return this;
  }

  /**
   * Lets a {@link #pause paused} node run on where it was.
   *
   * @return this node, running
   */
  public MulticastNode unpause() {
    getDockerClient().unpauseContainerCmd(getContainerId()).exec();
    return this;
  }

  /**
   * Stops the node gracefully (SIGTERM, then SIGKILL after 10 s) and starts it again.
   *
   * @return this node, ready again
   */
  public MulticastNode reboot() {
    int before = readyCount();
    getDockerClient().restartContainerCmd(getContainerId()).withTimeout(10).exec();
    awaitReady(before);
    return this;
  }

  /**
   * Cuts the node off a network, as an unplugged cable would.
   *
   * @param network a network the node is on
   * @return this node
   */
  public MulticastNode disconnect(Network network) {
    getDockerClient()
        .disconnectFromNetworkCmd()
        .withNetworkId(network.getId())
        .withContainerId(getContainerId())
        .exec();
    return this;
  }

  /**
   * Plugs the node back into a network, with its name as its alias there.
   *
   * @param network a network the node left
   * @return this node
   */
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
    awaitCondition(READY_TIMEOUT, () -> readyCount() > before, "did not get ready again");
    awaitCondition(READY_TIMEOUT, this::isRunning, "did not start again");
  }

  private void awaitCondition(Duration timeout, Callable<Boolean> condition, String failure) {
    try {
      Awaitility.await().atMost(timeout).pollInterval(POLL).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(name + " " + failure + ":\n" + output(), e);
    }
  }

  private static List<String> concat(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(Arrays.asList(rest));
    return all;
  }

  /**
   * How a command ended: its exit code and what it printed.
   *
   * @param exitCode the command's exit code, -1 when Docker did not report one
   * @param stdout its standard output
   * @param stderr its standard error
   */
  public record Result(int exitCode, String stdout, String stderr) {
    /**
     * Standard output, a line each.
     *
     * @return the lines, without their line ends
     */
    public List<String> lines() {
      return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
    }

    /** The exit code and both streams, for a failure message. */
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  /**
   * A command running on a node: its output is collected as it comes, {@link #await} waits for its
   * end.
   */
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

    /** Collects one frame of the command's output (docker-java calls this). */
    @Override
    public void onNext(Frame frame) {
      synchronized (this) {
        (frame.getStreamType() == StreamType.STDERR ? stderr : stdout)
            .writeBytes(frame.getPayload());
      }
    }

    /**
     * Standard output so far.
     *
     * @return the text, as UTF-8
     */
    public synchronized String stdout() {
      return stdout.toString(StandardCharsets.UTF_8);
    }

    /**
     * Waits until the command prints this text on either stream, as RECV does when it listens.
     *
     * @param text what to wait for
     * @return this command
     */
    public Running awaitPrinted(String text) {
      try {
        Awaitility.await()
            .atMost(PRINT_TIMEOUT)
            .pollInterval(Duration.ofMillis(20))
            .until(() -> printed().contains(text) || isDone());
      } catch (ConditionTimeoutException e) {
        throw new IllegalStateException(neverPrinted(text) + printed(), e);
      }
      if (!printed().contains(text)) {
        throw new IllegalStateException(neverPrinted(text) + await());
      }
      return this;
    }

    private String neverPrinted(String text) {
      return "'" + command + "' never printed '" + text + "': ";
    }

    /**
     * Waits until a command started with {@code --verbose} has joined its groups.
     *
     * @return this command
     */
    public Running awaitListening() {
      return awaitPrinted("listening on");
    }

    private synchronized String printed() {
      return stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
    }

    private boolean isDone() {
      return ended.getCount() == 0;
    }

    /** Marks the command ended (docker-java calls this). */
    @Override
    public void onComplete() {
      ended.countDown();
      super.onComplete();
    }

    /** Marks the command ended by a failure of the stream (docker-java calls this). */
    @Override
    public void onError(Throwable throwable) {
      ended.countDown();
      super.onError(throwable);
    }

    /**
     * Waits up to a minute for the command to end.
     *
     * @return how it ended, with its output
     */
    public Result await() {
      return await(COMMAND_TIMEOUT);
    }

    /**
     * Waits up to {@code timeout} for the command to end.
     *
     * @param timeout the longest to wait
     * @return how it ended, with its output
     */
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
