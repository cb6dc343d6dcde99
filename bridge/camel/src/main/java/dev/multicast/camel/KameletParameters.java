package dev.multicast.camel;

import dev.multicast.core.Group;
import dev.multicast.core.Interfaces;
import dev.multicast.core.MulticastException;
import dev.multicast.core.MulticastOptions;
import dev.multicast.security.KeyFileException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.util.URISupport;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks every use of this project's Kamelets in the loaded routes before anything starts or binds:
 * Camel passes unknown Kamelet parameters on silently, so a misspelt {@code gruop} would otherwise
 * leave a route quietly on its default group; and a group, port or interface that is wrong is named
 * here, with its route and file.
 */
public final class KameletParameters {
  private static final List<String> KAMELETS = List.of("multicast-source", "multicast-sink");

  private KameletParameters() {}

  /**
   * Checks the multicast Kamelets' parameters in every route definition of the context.
   *
   * @param context a Camel context with its routes loaded, not yet started
   * @throws IllegalArgumentException naming the route, its file, the parameter and the ones known
   */
  public static void check(CamelContext context) {
    Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
    for (RouteDefinition route : model.getRouteDefinitions()) {
      List<String> uris = new ArrayList<>();
      FromDefinition from = route.getInput();
      if (from != null) {
        uris.add(from.getEndpointUri());
      }
      collect(route.getOutputs(), uris);
      for (String uri : uris) {
        check(context, route, uri);
      }
    }
  }

  private static void collect(List<ProcessorDefinition<?>> outputs, List<String> uris) {
    for (ProcessorDefinition<?> output : outputs) {
      if (output instanceof SendDefinition<?> send && send.getEndpointUri() != null) {
        uris.add(send.getEndpointUri());
      } else if (output instanceof ToDynamicDefinition dynamic) {
        uris.add(dynamic.getUri());
      }
      collect(output.getOutputs(), uris);
    }
  }

  private static void check(CamelContext context, RouteDefinition route, String uri) {
    for (String kamelet : KAMELETS) {
      if (uri == null || !uri.startsWith("kamelet:" + kamelet)) {
        continue;
      }
      Set<String> known = definedParameters(kamelet);
      Map<String, Object> given;
      try {
        given = URISupport.parseQuery(URISupport.extractQuery(uri));
      } catch (Exception e) {
        throw new IllegalArgumentException(
            where(route) + ": cannot read the parameters of " + uri, e);
      }
      Map<String, String> resolved = new HashMap<>();
      for (Map.Entry<String, Object> parameter : given.entrySet()) {
        String name = parameter.getKey();
        if (!known.contains(name)) {
          throw new IllegalArgumentException(
              where(route)
                  + ": unknown parameter '"
                  + name
                  + "' of Kamelet "
                  + kamelet
                  + " (expected one of "
                  + String.join(", ", known)
                  + ")");
        }
        try {
          String value = context.resolvePropertyPlaceholders(String.valueOf(parameter.getValue()));
          checkValue(kamelet, name, value);
          resolved.put(name, value);
        } catch (IllegalArgumentException | MulticastException e) {
          throw new IllegalArgumentException(
              where(route) + ": parameter " + name + " of " + kamelet + ": " + e.getMessage());
        }
      }
      if (kamelet.equals("multicast-sink")) {
        try {
          // Reads the key file now, so that a bad one stops the bridge before anything binds.
          MulticastOutbound.sealing(resolved.get("envelope"), resolved.get("keyFile"));
        } catch (IllegalArgumentException | KeyFileException e) {
          throw new IllegalArgumentException(
              where(route) + ": envelope of " + kamelet + ": " + e.getMessage());
        }
      }
    }
  }

  /** The values whose meaning this project knows: groups, ports, interfaces and envelopes. */
  private static void checkValue(String kamelet, String name, String value) {
    switch (name) {
      case "group" -> Group.multicastAddress(value.trim());
      case "port" -> Group.parsePort(value);
      case "iface" -> {
        Interfaces.resolve(value.trim());
        // camel-netty's producer looks the sending interface up by name only.
        if (kamelet.equals("multicast-sink") && Group.literal(value.trim()) != null) {
          throw new IllegalArgumentException(
              "'" + value + "' is an address; a sink needs the interface's name (such as eth0)");
        }
      }
      case "ttl" -> MulticastOptions.parseTtl(value);
      case "receiveBufferSize" -> MulticastServerInitializerFactory.receiveBufferSize(value);
      case "envelope" -> {
        if (!List.of("none", "auth", "seal", "seq")
            .contains(value.trim().toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("'" + value + "' is not none, auth, seal or seq");
        }
      }
      case "loop", "receiveOwn" -> {
        if (!value.trim().equals("true") && !value.trim().equals("false")) {
          throw new IllegalArgumentException("'" + value + "' is not true or false");
        }
      }
      default -> {
        // Other parameters are checked by the Kamelet's own beans when the route is created.
      }
    }
  }

  private static String where(RouteDefinition route) {
    return "route "
        + route.getId()
        + (route.getResource() == null ? "" : " (" + route.getResource().getLocation() + ")");
  }

  /** The parameter names the Kamelet's own definition declares. */
  @SuppressWarnings("unchecked")
  static Set<String> definedParameters(String kamelet) {
    String path = "kamelets/" + kamelet + ".kamelet.yaml";
    try (InputStream in = KameletParameters.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Kamelet " + path + " is not on the class path");
      }
      Map<String, Object> root =
          (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
      Map<String, Object> spec = (Map<String, Object>) root.get("spec");
      Map<String, Object> definition = (Map<String, Object>) spec.get("definition");
      Map<String, Object> properties = (Map<String, Object>) definition.get("properties");
      return new TreeSet<>(properties.keySet());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
