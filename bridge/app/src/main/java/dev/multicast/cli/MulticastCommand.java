package dev.multicast.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code multicast [global options] (SAY|RECV|HEAR|NOOP) [options]}: the root command. */
@Command(
    name = "multicast",
    versionProvider = MulticastCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Send and receive UDP multicast, as the Python tool of the same name does.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  multicast RECV --iface lo --group 239.1.2.3 --timeout 5 &",
      "  multicast SAY --iface lo --group 239.1.2.3 -m hello world",
      "  multicast --daemon HEAR --iface lo --group 239.1.2.3",
      "  multicast SAY --iface lo --group 239.1.2.3 -m ping --ack 1 --timeout 2",
      "  tail -f app.log | multicast SAY --iface lo --pipe"
    },
    exitCodeListHeading = "%nExit codes:%n")
public final class MulticastCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = {"-v", "-V", "--version"},
      versionHelp = true,
      description = "Print the version and exit.")
  boolean version;

  @Option(
      names = "--use-std",
      description = "Accepted for the reference tool's scripts; output always goes to stdout.")
  boolean useStd;

  /** The reference's place for it; RECV, HEAR and NOOP also take their own after the command. */
  @Option(
      names = "--daemon",
      description = "Before RECV, HEAR or NOOP: their --daemon, where the reference has it.")
  boolean daemon;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show stack traces and more detail on errors.")
  boolean verbose;

  /**
   * The command line wired to {@code context}, for {@code args}: with only the subcommand they name
   * when they name one, since building the model of every command costs a short command a good part
   * of its start-up; with every subcommand otherwise, for the root's help and errors.
   */
  public static CommandLine commandLine(Context context, String... args) {
    return commandLine(context, false, args);
  }

  /**
   * The command line as bash completion sees it: each command also under its lower-case name.
   * Parsing takes commands in any case; completion matches words exactly, so it needs both, and
   * help lists each command once.
   */
  static CommandLine forCompletion(Context context) {
    // Built a second time: the environment's warnings were said the first.
    return commandLine(
        new Context(
            context.in(),
            context.out(),
            new PrintWriter(Writer.nullWriter()),
            context.env(),
            false),
        true);
  }

  private static CommandLine commandLine(
      Context context, boolean lowerCaseAliases, String... args) {
    MulticastCommand root = new MulticastCommand();
    Defaults defaults = Defaults.from(context.env(), context.err()::println);
    Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
    commands.put("SAY", () -> new SayCommand(root, context, defaults));
    commands.put("RECV", () -> new RecvCommand(root, context, defaults));
    commands.put("HEAR", () -> new HearCommand(root, context, defaults));
    commands.put("NOOP", () -> new NoopCommand(root));
    commands.put("KEYGEN", () -> new KeygenCommand(context));
    commands.put("bridge", () -> new BridgeCommand(context));
    commands.put("broker", () -> new BrokerCommand(context));
    commands.put("consume", () -> new ConsumeCommand(context));
    commands.put("passwd", () -> new PasswdCommand(context));
    commands.put("top", () -> new TopCommand(context));
    commands.put("generate-completion", () -> new CompletionCommand(context));
    CommandLine line = new CommandLine(root);
    Optional<String> invoked = invoked(args, commands.keySet());
    commands.forEach(
        (name, command) -> {
          if (invoked.isPresent() && !invoked.get().equals(name)) {
            return;
          }
          String lower = name.toLowerCase(Locale.ROOT);
          if (lowerCaseAliases && !lower.equals(name)) {
            line.addSubcommand(name, command.get(), lower);
          } else {
            line.addSubcommand(name, command.get());
          }
        });
    if (invoked.isEmpty()) {
      addRootHelp(line.getCommandSpec().usageMessage());
    }
    line.setSubcommandsCaseInsensitive(!lowerCaseAliases)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(
            new PrintWriter(new OutputStreamWriter(context.out(), StandardCharsets.UTF_8), true))
        .setErr(context.err())
        .setParameterExceptionHandler(root::usageError)
        .setExecutionExceptionHandler((e, cmd, parsed) -> root.failure(e, cmd))
        .setExitCodeExceptionMapper(e -> Failure.of(e).exit().code())
        .setDefaultValueProvider(defaults);
    CommandLine recv = line.getSubcommands().get("RECV");
    if (recv != null) {
      // RECV only receives: how datagrams are sent changes nothing there. Taken, since the
      // reference's scripts give them to every command, but not listed.
      unlisted(recv.getCommandSpec(), "--ttl", "--loop");
    }
    return line;
  }

  /** The exit codes and environment variables, which only the root's help shows. */
  private static void addRootHelp(UsageMessageSpec usage) {
    usage.exitCodeList(ExitCode.helpList());
    List<String> footer = new ArrayList<>(List.of(usage.footer()));
    footer.add("");
    footer.addAll(Defaults.help());
    usage.footer(footer.toArray(String[]::new));
  }

  /**
   * The command {@code args} name, when the root's own help or version is not asked for first: the
   * first argument that is not a global option (those take no value), matched without case.
   */
  private static Optional<String> invoked(String[] args, Set<String> names) {
    for (String arg : args) {
      if (Set.of("-h", "--help", "-v", "-V", "--version").contains(arg)) {
        return Optional.empty();
      }
      if (!arg.startsWith("-")) {
        return names.stream().filter(arg::equalsIgnoreCase).findFirst();
      }
    }
    return Optional.empty();
  }

  /** The options, still taken but hidden from help and completion. */
  private static void unlisted(CommandSpec command, String... names) {
    for (String name : names) {
      OptionSpec option = command.findOption(name);
      command.remove(option);
      command.addOption(OptionSpec.builder(option).hidden(true).build());
    }
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing command (expected one of "
            + String.join(
                ", ",
                spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList())
            + ")");
  }

  /** One line naming the bad value, and where to read more. */
  private int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    if (verbose) {
      e.printStackTrace(cmd.getErr());
    }
    // The command's name leads the line: picocli's "Error: " before some messages would repeat it.
    String message = e.getMessage().replaceFirst("^Error: ", "");
    cmd.getErr()
        .println(
            cmd.getCommandSpec().qualifiedName()
                + ": "
                + message
                + " (see '"
                + cmd.getCommandSpec().qualifiedName()
                + " --help')");
    return ExitCode.USAGE.code();
  }

  private int failure(Exception e, CommandLine cmd) {
    if (verbose) {
      e.printStackTrace(cmd.getErr());
    }
    Failure failure = Failure.of(e);
    if (failure.message() != null) {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + failure.message());
    }
    return failure.exit().code();
  }

  /** The version the build wrote, as {@code multicast 0.1.0}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties build = new Properties();
      try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
        build.load(in);
      }
      return new String[] {"multicast " + build.getProperty("version")};
    }
  }
}
