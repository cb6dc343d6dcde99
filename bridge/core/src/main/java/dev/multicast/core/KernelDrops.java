package dev.multicast.core;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Datagrams the kernel discarded at this process's UDP sockets because their receive buffer was
 * full: the {@code drops} column of Linux's {@code /proc/net/udp} and {@code /proc/net/udp6}. A
 * receiver that falls behind loses datagrams before it ever sees them; only the kernel knows how
 * many, and this is where it says so.
 *
 * <p>A socket is found by the address it is bound to, among the sockets this process holds (the
 * links in {@code /proc/self/fd}), so no file descriptor numbers are needed. Where {@code /proc}
 * does not say (not Linux, or hidden), every count is empty.
 */
public final class KernelDrops {
  private static final Path PROC = Path.of("/proc");
  private static final List<String> TABLES = List.of("net/udp", "net/udp6");
  // Columns of /proc/net/udp: sl local rem st queues tr retrnsmt uid timeout inode ref ptr drops.
  private static final int LOCAL = 1;
  private static final int INODE = 9;
  private static final int DROPS = 12;

  private final Path proc;

  private KernelDrops(Path proc) {
    this.proc = proc;
  }

  /** {@return the counts of this machine's kernel, for this process's sockets} */
  public static KernelDrops ofThisProcess() {
    return new KernelDrops(PROC);
  }

  /** {@return whether this system shows its drop counts: false where every count would be empty} */
  public boolean available() {
    return Files.isReadable(proc.resolve("net/udp")) && Files.isDirectory(proc.resolve("self/fd"));
  }

  /**
   * The datagrams dropped so far at this process's UDP sockets bound to {@code local}, summed over
   * all of them; empty where the kernel does not say.
   *
   * @param local the address a socket is bound to (a group and port, for a member)
   * @return the count, read now from {@code /proc}
   */
  public OptionalLong count(InetSocketAddress local) {
    return count(List.of(local));
  }

  /**
   * The drops at this process's sockets bound to any of {@code locals}, read in one pass.
   *
   * @param locals the addresses sockets are bound to
   * @return their sum, or empty where the kernel does not say
   */
  public OptionalLong count(List<InetSocketAddress> locals) {
    if (!available()) {
      return OptionalLong.empty();
    }
    try {
      Set<String> wanted = new HashSet<>();
      for (InetSocketAddress local : locals) {
        wanted.add(procText(local));
        if (local.getAddress() instanceof Inet4Address) {
          // A dual-stack socket (Netty's, say) shows an IPv4 group as ::ffff:a.b.c.d in udp6.
          wanted.add(procText(mapped(local)));
        }
      }
      Set<String> mine = socketInodes();
      long total = 0;
      for (String table : TABLES) {
        Path path = proc.resolve(table);
        if (!Files.isReadable(path)) {
          continue;
        }
        List<String> lines = Files.readAllLines(path);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
          String[] columns = line.trim().split("\\s+");
          if (columns.length > DROPS
              && wanted.contains(columns[LOCAL])
              && mine.contains(columns[INODE])) {
            total += Long.parseLong(columns[DROPS]);
          }
        }
      }
      return OptionalLong.of(total);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** The inodes of the sockets this process holds, from the links {@code socket:[N]}. */
  private Set<String> socketInodes() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("self/fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[") && target.endsWith("]")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // A descriptor closed between listing and reading holds no socket of ours any more.
        }
      }
    }
    return inodes;
  }

  /** {@code ::ffff:a.b.c.d} for the IPv4 address {@code a.b.c.d}, with the same port. */
  private static InetSocketAddress mapped(InetSocketAddress local) {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(local.getAddress().getAddress(), 0, mapped, 12, 4);
    try {
      // Built from bytes: InetAddress would turn a mapped address back into an IPv4 one.
      return new InetSocketAddress(Inet6Address.getByAddress(null, mapped, -1), local.getPort());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are an IPv6 address", e);
    }
  }

  /**
   * An address as the kernel writes it in {@code /proc/net/udp[6]}: each 32-bit word of the address
   * in the machine's byte order, then the port.
   */
  static String procText(InetSocketAddress local) {
    byte[] bytes = local.getAddress().getAddress();
    boolean littleEndian = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    StringBuilder text = new StringBuilder(38);
    for (int word = 0; word < bytes.length; word += 4) {
      for (int i = 0; i < 4; i++) {
        text.append(
            String.format(Locale.ROOT, "%02X", bytes[word + (littleEndian ? 3 - i : i)] & 0xff));
      }
    }
    return text.append(String.format(Locale.ROOT, ":%04X", local.getPort())).toString();
  }
}
