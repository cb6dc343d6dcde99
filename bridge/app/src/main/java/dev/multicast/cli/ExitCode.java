package dev.multicast.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every exit code of the command line, in one table; --help and docs/command-line.md show it. */
public enum ExitCode {
  OK(0, "Success."),
  NOTHING(1, "Nothing happened: RECV or HEAR timed out; SAY --ack got too few replies."),
  USAGE(
      2,
      "Usage: unknown command or option, a value out of range, a group that is not multicast,"
          + " a broker URL that is not one."),
  DATA(65, "Bad data: a message larger than one datagram can carry."),
  NO_INPUT(66, "No input: a --file or key file that is missing, or not a file or a key."),
  UNAVAILABLE(
      69,
      "Unavailable: an interface that does not exist or cannot do multicast; a port in use; a"
          + " broker that cannot be reached or went away; no file descriptor left (ulimit -n)."),
  SOFTWARE(70, "Internal error (details with --verbose)."),
  CANNOT_CREATE(73, "Cannot create: KEYGEN's key file exists already or cannot be written."),
  OUTPUT(74, "Output error: standard output is closed or full; the command stops."),
  PERMISSION(77, "Permission denied by the system, or a key file others can read."),
  CONFIG(78, "Bad configuration: a wrong route file, route or Kamelet parameter."),
  INTERRUPTED(130, "Interrupted (SIGINT); sockets closed, groups left."),
  PIPE_CLOSED(141, "Standard output's reader went away (| head); stopped quietly (SIGPIPE)."),
  TERMINATED(143, "Terminated (SIGTERM); sockets closed, groups left.");

  private final int code;
  private final String description;

  ExitCode(int code, String description) {
    this.code = code;
    this.description = description;
  }

  public int code() {
    return code;
  }

  public String description() {
    return description;
  }

  /** The table as picocli's {@code exitCodeList} shows it. */
  static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode exit : values()) {
      list.put(String.format("%3d", exit.code), exit.description);
    }
    return list;
  }
}
