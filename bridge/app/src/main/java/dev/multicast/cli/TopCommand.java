package dev.multicast.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multicast.bridge.BridgeSettings;
import dev.multicast.bridge.monitor.MonitorState;
import dev.multicast.bridge.monitor.TopView;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.core.NestedExceptionUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** What the bridge's monitor page shows, as a table in the terminal, for servers without one. */
@Command(
    name = "top",
    sortOptions = false,
    header = "Watch a running bridge in the terminal, live.",
    description = {
      "Shows what the monitor page shows: groups, drops, dead letters, hold buffers,",
      "broker and routes, refreshed every second. It reads URL/monitor/state (the",
      "page as JSON) and draws it as a table: redrawn in place in a terminal, one",
      "after another elsewhere."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  multicast top",
      "  multicast top http://10.0.0.5:9876/",
      "  multicast top --count 1 > bridge-now.txt"
    })
final class TopCommand implements Callable<Integer> {
  /** The local bridge's management port. */
  static final String DEFAULT_URL =
      "http://127.0.0.1:" + BridgeSettings.DEFAULT_MANAGEMENT_PORT + "/";

  /** Moves the cursor home and clears the screen: the table is redrawn in place. */
  private static final String CLEAR = "\033[H\033[2J";

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Context context;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "URL",
      converter = ManagementUrl.class,
      defaultValue = DEFAULT_URL,
      description = "The bridge's management port (default: ${DEFAULT-VALUE}).")
  URI url;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      converter = Converters.Seconds.class,
      defaultValue = "1",
      description = "Seconds between tables (default: ${DEFAULT-VALUE}).")
  double interval;

  @Option(
      names = "--count",
      paramLabel = "N",
      converter = Converters.Count.class,
      description = "Stop after N tables (default: until interrupted).")
  Long count;

  TopCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    URI state = url.resolve("monitor/state");
    // Redrawn in place only for a person: a file or pipe gets one table after another.
    boolean redraw = System.console() != null;
    OutputStream out = context.out();
    long limit = count == null ? Long.MAX_VALUE : count;
    for (long shown = 0; shown < limit; shown++) {
      if (shown > 0) {
        Thread.sleep(Converters.duration(interval).toMillis());
      }
      String table = TopView.render(url.toString(), read(http, state));
      out.write(
          ((redraw ? CLEAR : shown > 0 ? "\n" : "") + table).getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    return ExitCode.OK.code();
  }

  /** The bridge's state now, or one line saying why there is none (69). */
  private MonitorState read(HttpClient http, URI state) throws InterruptedException {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(state).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UnavailableException("cannot reach the bridge at " + url + ": " + reason(e), e);
    }
    if (response.statusCode() != 200) {
      throw new UnavailableException(
          url
              + " answered "
              + response.statusCode()
              + " for monitor/state (expected the management port of a multicast bridge)",
          null);
    }
    try {
      return JSON.readValue(response.body(), MonitorState.class);
    } catch (IOException e) {
      throw new UnavailableException(
          url
              + " answered with something else than a bridge's state (expected the management"
              + " port of a multicast bridge)",
          e);
    }
  }

  /**
   * The JDK's HTTP client often says why only in a cause, or only in its type: a refused connection
   * is a bare ConnectException.
   */
  private static String reason(IOException e) {
    Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
    if (cause.getMessage() != null) {
      return cause.getMessage();
    }
    return e instanceof ConnectException ? "connection refused" : e.toString();
  }

  /** An http or https URL with a host, such as {@code http://127.0.0.1:9876/}. */
  static final class ManagementUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      try {
        URI uri = new URI(value.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https"))
            && uri.getHost() != null
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null) {
          // monitor/state is resolved against it: the path must end in a slash.
          String path =
              uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
          return uri.resolve(path.endsWith("/") ? path : path + "/");
        }
      } catch (URISyntaxException e) {
        // named below, with what was expected
      }
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a bridge's management URL (expected http://HOST:PORT/, such as "
              + DEFAULT_URL
              + ")");
    }
  }
}
