package dev.multicast.bridge;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * MQTT and AMQP clients in their protocols' own bytes over a plain socket, with no client library:
 * just far enough to log in and hear the broker's verdict.
 */
final class RawClients {
  private static final int TIMEOUT_MILLIS = 10_000;

  private RawClients() {}

  /**
   * MQTT 3.1.1 CONNECT (clean session, keep-alive 60 s), with a user name and password when {@code
   * user} is not null; returns CONNACK's return code (0 accepted, 4 bad user name or password, 5
   * not authorised), or -1 when the broker closes the connection without one.
   */
  static int mqttConnect(Socket socket, String clientId, String user, String password)
      throws IOException {
    socket.setSoTimeout(TIMEOUT_MILLIS);
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    int flags = 0x02 | (user == null ? 0 : 0xC0);
    rest.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) flags, 0, 60});
    writeMqttString(rest, clientId);
    if (user != null) {
      writeMqttString(rest, user);
      writeMqttString(rest, password);
    }
    OutputStream out = socket.getOutputStream();
    out.write(0x10);
    out.write(rest.size()); // below 128: one byte of remaining length
    rest.writeTo(out);
    out.flush();
    byte[] connack = socket.getInputStream().readNBytes(4);
    if (connack.length < 4) {
      return -1;
    }
    if (connack[0] != 0x20 || connack[1] != 2) {
      throw new IOException("not a CONNACK: " + Arrays.toString(connack));
    }
    return connack[3];
  }

  /** The AMQP 1.0 protocol header of a SASL layer. */
  static final byte[] AMQP_SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};

  /**
   * An AMQP 1.0 SASL exchange with the mechanism PLAIN, or ANONYMOUS when {@code user} is null;
   * returns sasl-outcome's code (0 ok, 1 authentication failed), or -1 when the broker closes the
   * connection without an outcome.
   */
  static int amqpSasl(Socket socket, String user, String password) throws IOException {
    socket.setSoTimeout(TIMEOUT_MILLIS);
    OutputStream out = socket.getOutputStream();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    out.write(AMQP_SASL_HEADER);
    out.flush();
    byte[] header = in.readNBytes(8);
    if (!Arrays.equals(AMQP_SASL_HEADER, header)) {
      throw new IOException("not an AMQP SASL header: " + Arrays.toString(header));
    }
    readFrame(in); // sasl-mechanisms
    String mechanism = user == null ? "ANONYMOUS" : "PLAIN";
    byte[] response =
        user == null
            ? new byte[0]
            : ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream fields = new ByteArrayOutputStream();
    byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
    fields.write(0xA3); // sym8
    fields.write(name.length);
    fields.write(name);
    fields.write(0xA0); // vbin8
    fields.write(response.length);
    fields.write(response);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(new byte[] {0x00, 0x53, 0x41}); // described: sasl-init
    body.write(0xC0); // list8
    body.write(fields.size() + 1);
    body.write(2); // two fields
    fields.writeTo(body);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    int size = 8 + body.size();
    frame.write(new byte[] {0, 0, (byte) (size >> 8), (byte) size, 2, 1, 0, 0});
    body.writeTo(frame);
    frame.writeTo(out);
    out.flush();
    byte[] outcome;
    try {
      outcome = readFrame(in);
    } catch (java.io.EOFException e) {
      return -1;
    }
    // sasl-outcome: descriptor 0x00 0x53 0x44, then a list whose first field is the code, a ubyte.
    for (int i = 0; i + 2 < outcome.length; i++) {
      if (outcome[i] == 0x00 && outcome[i + 1] == 0x53 && outcome[i + 2] == 0x44) {
        for (int j = i + 3; j + 1 < outcome.length; j++) {
          if (outcome[j] == 0x50) {
            return outcome[j + 1];
          }
        }
      }
    }
    throw new IOException("not a sasl-outcome: " + Arrays.toString(outcome));
  }

  /**
   * Logs in over AMQP 1.0 as {@link #amqpSasl} does, then opens the connection, where the broker
   * checks an anonymous login; returns "open" when the broker keeps the connection, or why not: the
   * SASL outcome, or the error of the broker's close (such as amqp:unauthorized-access).
   */
  static String amqpLogin(Socket socket, String user, String password) throws IOException {
    int outcome = amqpSasl(socket, user, password);
    if (outcome != 0) {
      return "sasl-outcome " + outcome;
    }
    OutputStream out = socket.getOutputStream();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0});
    // open: descriptor 0x10, a list of one field, container-id "raw-test" (str8).
    byte[] container = "raw-test".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(new byte[] {0x00, 0x53, 0x10, (byte) 0xC0, (byte) (container.length + 3), 1});
    body.write(0xA1);
    body.write(container.length);
    body.write(container);
    int size = 8 + body.size();
    out.write(new byte[] {0, 0, (byte) (size >> 8), (byte) size, 2, 0, 0, 0});
    body.writeTo(out);
    out.flush();
    in.readNBytes(8); // the broker's protocol header
    // An open comes first; a close after it, if the login is refused, comes at once.
    socket.setSoTimeout(3_000);
    try {
      while (true) {
        byte[] frame = readFrame(in);
        if (frame.length > 6 && frame[4] == 0x00 && frame[5] == 0x53 && frame[6] == 0x18) {
          return "closed: "
              + new String(frame, StandardCharsets.US_ASCII).replaceAll("[^ -~]", ".");
        }
      }
    } catch (java.net.SocketTimeoutException e) {
      return "open";
    } catch (java.io.EOFException e) {
      return "closed without a close frame";
    }
  }

  /** One frame's bytes after its size. */
  private static byte[] readFrame(DataInputStream in) throws IOException {
    int size = in.readInt();
    if (size < 8 || size > 65_536) {
      throw new IOException("frame size " + size);
    }
    return in.readNBytes(size - 4);
  }

  private static void writeMqttString(ByteArrayOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes.length >> 8);
    out.write(bytes.length);
    out.write(bytes);
  }
}
