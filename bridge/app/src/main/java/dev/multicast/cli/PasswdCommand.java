package dev.multicast.cli;

import dev.multicast.bridge.access.PasswordHash;
import dev.multicast.bridge.access.Role;
import dev.multicast.bridge.access.User;
import dev.multicast.bridge.access.Users;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code multicast passwd FILE NAME --roles ROLE[,ROLE]}: adds or replaces a user. */
@Command(
    name = "passwd",
    header = "Add or replace a user in a --users file.",
    description = {
      "For bridge --users and broker --users. Asks for the password on the terminal",
      "(twice), or reads stdin's first line when stdin is not a terminal. The file",
      "keeps a salted PBKDF2 hash, never the password; it is created with mode 0600,",
      "and a file that group or others may read is refused (77).",
      "Roles: send (put messages on the broker, POST to HTTP routes), receive",
      "(consume), admin (broker management, dead letters, the management port;",
      "implies the others)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  multicast passwd users.txt alice --roles send,receive",
      "  echo \"$APP_PASSWORD\" | multicast passwd users.txt app --roles receive",
      "  multicast bridge --listen 0.0.0.0 --users users.txt"
    })
final class PasswdCommand implements Callable<Integer> {
  /** Shorter passwords fall to guessing even behind a slow hash. */
  static final int MIN_PASSWORD_LENGTH = 8;

  private final Context context;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The users file.")
  Path file;

  @Parameters(index = "1", paramLabel = "NAME", description = "The user's name.")
  String name;

  @Option(
      names = "--roles",
      paramLabel = "ROLE",
      split = ",",
      required = true,
      converter = RoleConverter.class,
      description = "send, receive and/or admin, separated by commas.")
  List<Role> roles;

  PasswdCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    try {
      User.checkName(name);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    // Read first: a file others may read is refused before a password is asked for.
    Users users = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Users.read(file) : Users.none();
    char[] password = password();
    try {
      users.with(new User(name, PasswordHash.of(password), EnumSet.copyOf(roles))).write(file);
    } finally {
      Arrays.fill(password, '\0');
    }
    new PrintStream(context.out(), true, StandardCharsets.UTF_8)
        .printf(
            "passwd: user %s (%s) written to %s%n",
            name, String.join(",", roles.stream().map(Role::id).distinct().toList()), file);
    return ExitCode.OK.code();
  }

  /** From the terminal, asked twice; or else stdin's first line. */
  private char[] password() throws IOException {
    Console console = context.in() == System.in ? System.console() : null;
    char[] password;
    if (console != null) {
      password = console.readPassword("Password for %s: ", name);
      char[] again = console.readPassword("Again: ");
      boolean same = password != null && Arrays.equals(password, again);
      if (again != null) {
        Arrays.fill(again, '\0');
      }
      if (!same) {
        throw new ParameterException(
            spec.commandLine(), "the passwords differ (expected the same twice)");
      }
    } else {
      String line =
          new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8))
              .readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      Arrays.fill(password, '\0');
      throw new ParameterException(
          spec.commandLine(),
          "the password has "
              + password.length
              + " characters (expected at least "
              + MIN_PASSWORD_LENGTH
              + ", on the terminal or as stdin's first line)");
    }
    return password;
  }

  /** A role's name, as a users file writes it. */
  static final class RoleConverter implements ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
      try {
        return Role.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
