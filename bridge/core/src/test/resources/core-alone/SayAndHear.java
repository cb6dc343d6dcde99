import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.Interfaces;
import dev.multicast.core.MulticastOptions;
import dev.multicast.core.Receiver;
import dev.multicast.core.Sender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A program that uses nothing but the multicast-core jar and the JDK: it joins a group on lo,
 * sends one datagram to it and prints what it hears. Arguments: group, port, text.
 */
public class SayAndHear {
  public static void main(String[] args) {
    Group group = Group.of(args[0], Integer.parseInt(args[1]));
    MulticastOptions options = MulticastOptions.defaults().iface(Interfaces.resolve("lo"));
    try (Receiver receiver = Receiver.open(List.of(group), options);
        Sender sender = Sender.open(group, options)) {
      sender.send(args[2].getBytes(StandardCharsets.UTF_8));
      Optional<Datagram> heard = receiver.receive(Duration.ofSeconds(10));
      if (heard.isEmpty()) {
        System.err.println("nothing heard on " + group);
        System.exit(1);
      }
      System.out.println(heard.get().text());
    }
  }
}
