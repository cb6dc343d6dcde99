package dev.multicast.bridge.monitor;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The page and what it loads, read from the jar once: a fixed set of paths, so a request names one
 * of them or gets the server's 404, and no request reaches the file system or the network.
 */
final class PageAssets {
  private static final String PAGE = "/dev/multicast/bridge/monitor/page/";
  private static final String UPLOT = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

  /** One file as served. */
  record Asset(String contentType, Buffer body) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  PageAssets() {
    // The WebJar's version is the one the build pinned: read from the jar, written nowhere else.
    String uplot = "/META-INF/resources/webjars/uplot/" + webJarVersion() + "/dist/";
    add("/", PAGE + "index.html", "text/html; charset=utf-8");
    add("/monitor/monitor.css", PAGE + "monitor.css", "text/css; charset=utf-8");
    add("/monitor/monitor.js", PAGE + "monitor.js", "text/javascript; charset=utf-8");
    add("/monitor/format.js", PAGE + "format.js", "text/javascript; charset=utf-8");
    add("/monitor/uPlot.min.css", uplot + "uPlot.min.css", "text/css; charset=utf-8");
    add(
        "/monitor/uPlot.iife.min.js",
        uplot + "uPlot.iife.min.js",
        "text/javascript; charset=utf-8");
  }

  /** Every path served. */
  Iterable<String> paths() {
    return assets.keySet();
  }

  void serve(RoutingContext request) {
    Asset asset = assets.get(request.normalizedPath());
    if (asset == null) {
      request.next();
      return;
    }
    Headers.secure(request.response())
        .putHeader("Content-Type", asset.contentType())
        .putHeader("Cache-Control", "no-cache")
        .end(asset.body());
  }

  private void add(String path, String resource, String contentType) {
    try (InputStream in = PageAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the monitor page's " + resource + " is not in the jar");
      }
      assets.put(path, new Asset(contentType, Buffer.buffer(in.readAllBytes())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static String webJarVersion() {
    Properties properties = new Properties();
    try (InputStream in = PageAssets.class.getClassLoader().getResourceAsStream(UPLOT)) {
      if (in == null) {
        throw new IllegalStateException("the uPlot WebJar is not on the class path");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + UPLOT, e);
    }
    return properties.getProperty("version");
  }
}
