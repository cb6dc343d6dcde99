package dev.multicast.example;

import org.apache.camel.main.Main;

/**
 * A Camel Main application with two YAML routes (src/main/resources/routes): a timer that sends a
 * greeting to a multicast group through {@code kamelet:multicast-sink}, and {@code
 * kamelet:multicast-source} on the same group writing each datagram to a file. Settings are in
 * application.properties; the Kamelets come from the multicast-camel jar on the class path.
 */
public final class Application {
  private Application() {}

  public static void main(String... args) throws Exception {
    new Main(Application.class).run(args);
  }
}
