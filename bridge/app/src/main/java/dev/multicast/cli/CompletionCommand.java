package dev.multicast.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Prints the bash and zsh completion script: {@code source <(multicast generate-completion)}. Ours
 * rather than picocli's {@code GenerateCompletion}, whose own help options clash with the inherited
 * ones.
 */
@Command(
    name = "generate-completion",
    header = "Print the bash and zsh completion script.",
    description = "Turn completion on: source <(multicast generate-completion)")
final class CompletionCommand implements Callable<Integer> {
  private final Context context;

  @Spec CommandSpec spec;

  CompletionCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    spec.commandLine()
        .getOut()
        .print(AutoComplete.bash("multicast", MulticastCommand.forCompletion(context)));
    spec.commandLine().getOut().flush();
    return ExitCode.OK.code();
  }
}
