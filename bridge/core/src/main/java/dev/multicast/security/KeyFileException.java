package dev.multicast.security;

/**
 * A group key file, or another private file (see {@link PrivateFiles}), that cannot be used. The
 * message is one line that names the path and what was expected, and never shows key material; the
 * {@link Reason} tells the command line which exit code it gets. There is no fallback: a sender or
 * receiver that was given a key and cannot use it must not go on with plain datagrams.
 */
public final class KeyFileException extends RuntimeException {
  /** The kinds of failure, with the exit code (sysexits) the command line gives each. */
  public enum Reason {
    /** No file at the path (exit 66, no input). */
    MISSING,
    /** The file exists but this user may not read it (exit 77, permission). */
    UNREADABLE,
    /** Not one line of base64 holding 32 bytes, or not a file at all (exit 66). */
    MALFORMED,
    /** Group or others may read or write it, so the key may be known elsewhere (exit 77). */
    EXPOSED,
    /**
     * Writing: a file is already there, and a key is never overwritten (exit 73, cannot create).
     */
    EXISTS,
    /** Writing: the file could not be created or written (exit 73). */
    UNWRITABLE
  }

  /** What kind of failure this was. */
  private final Reason reason;

  /**
   * A key file that cannot be used.
   *
   * @param reason what kind of failure, which picks the exit code
   * @param message one line naming the path and what was expected, without key material
   */
  public KeyFileException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** {@return what kind of failure this was} */
  public Reason reason() {
    return reason;
  }
}
