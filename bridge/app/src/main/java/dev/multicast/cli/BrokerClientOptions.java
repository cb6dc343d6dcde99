package dev.multicast.cli;

import dev.multicast.bridge.access.BrokerLogin;
import dev.multicast.security.PrivateFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How a client reaches the broker: over TLS trusting {@code --tls-ca} (or the system's CAs when the
 * URL says {@code sslEnabled=true}), and as whom: {@code --broker-user} with {@code
 * --password-file}, or the environment. Never a password on the command line, where {@code ps}
 * shows it to every user.
 */
final class BrokerClientOptions {
  static final String USER_ENV = "MULTICAST_BROKER_USER";
  static final String PASSWORD_ENV = "MULTICAST_BROKER_PASSWORD";

  /** A password file larger than this is not one. */
  private static final int MAX_PASSWORD_FILE = 4096;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--broker-user",
      paramLabel = "NAME",
      description = "Log in to the broker as NAME (default: $" + USER_ENV + "; else anonymous).")
  String user;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "The broker password is this file's first line (mode 0600; default: $"
              + PASSWORD_ENV
              + ").")
  Path passwordFile;

  @Option(
      names = "--tls-ca",
      paramLabel = "FILE",
      description =
          "Reach the broker over TLS, trusting the CA certificates of this PEM file (without it,"
              + " a URL with sslEnabled=true trusts the system's CAs).")
  Path tlsCa;

  /**
   * The broker URL with TLS settings: when {@code --tls-ca} is given or the URL asks for TLS, the
   * broker's certificate must name the host of the URL.
   */
  String url(String brokerUrl) {
    boolean tls = tlsCa != null || brokerUrl.contains("sslEnabled=true");
    if (!tls) {
      return brokerUrl;
    }
    StringBuilder url = new StringBuilder(brokerUrl);
    if (!brokerUrl.contains("sslEnabled=true")) {
      url.append(url.indexOf("?") < 0 ? "?" : "&").append("sslEnabled=true");
    }
    if (!brokerUrl.contains("verifyHost=")) {
      url.append("&verifyHost=true");
    }
    if (tlsCa != null) {
      url.append("&trustStoreType=PEMCA&trustStorePath=").append(tlsCa.toAbsolutePath());
    }
    return url.toString();
  }

  /**
   * The login these options and {@code env} give, or empty for an anonymous client.
   *
   * @throws ParameterException when a user has no password, or a password no user
   */
  Optional<BrokerLogin> login(Map<String, String> env) {
    String name = user != null ? user : blankToNull(env.get(USER_ENV));
    if (name == null) {
      if (passwordFile != null) {
        throw new ParameterException(
            spec.commandLine(),
            "--password-file without a user (expected --broker-user NAME or " + USER_ENV + ")");
      }
      return Optional.empty();
    }
    String password = passwordFile != null ? firstLine(passwordFile) : env.get(PASSWORD_ENV);
    if (password == null || password.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "broker user "
              + name
              + " has no password (expected --password-file FILE or "
              + PASSWORD_ENV
              + ")");
    }
    return Optional.of(new BrokerLogin(name, password));
  }

  private static String firstLine(Path file) {
    byte[] content = PrivateFiles.read(file, "password file", "a password", MAX_PASSWORD_FILE);
    String text = new String(content, StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
