package dev.multicast.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A STOMP 1.2 client in raw frames over a plain socket, as a client without a library speaks. */
final class Stomp implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 10_000;

  private final Socket socket;

  Stomp(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(TIMEOUT_MILLIS);
  }

  static Stomp to(int port) throws IOException {
    return new Stomp(new Socket("127.0.0.1", port));
  }

  /** Sends CONNECT, with a login when {@code login} is not null, and returns the answer frame. */
  String connect(String login, String passcode) throws IOException {
    send(
        "CONNECT\naccept-version:1.2\nhost:localhost\n"
            + (login == null ? "" : "login:" + login + "\npasscode:" + passcode + "\n")
            + "\n\0");
    return readFrame();
  }

  String connect() throws IOException {
    return connect(null, null);
  }

  /** Says goodbye as STOMP asks, rather than drop the connection (which the broker logs). */
  void disconnect() throws IOException {
    send("DISCONNECT\nreceipt:bye\n\n\0");
    for (String frame = readFrame(); !frame.startsWith("RECEIPT\n"); frame = readFrame()) {
      // a datagram's MESSAGE may come before the receipt
    }
  }

  void send(String frame) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(frame.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The MESSAGE frame with this body; other tests' datagrams may reach the topic meanwhile. */
  String awaitMessage(String body) throws IOException {
    while (true) {
      String frame = readFrame();
      if (!frame.startsWith("MESSAGE\n")) {
        throw new AssertionError("expected a MESSAGE, got " + frame);
      }
      if (frame.endsWith("\n\n" + body)) {
        return frame;
      }
    }
  }

  /**
   * One STOMP frame up to its NUL, without the end-of-lines that may come between frames (heart
   * beats). Bodies here are text, without NUL bytes.
   */
  String readFrame() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    for (int b = in.read(); b != 0; b = in.read()) {
      if (b < 0) {
        throw new IOException("the broker closed the connection after " + frame);
      }
      if (frame.size() == 0 && (b == '\n' || b == '\r')) {
        continue;
      }
      frame.write(b);
    }
    return frame.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
