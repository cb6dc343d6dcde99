package dev.multicast.core;

/**
 * The whole numbers a setting may take, from {@code min} to {@code max}, both included. Every bound
 * of the project (ports, TTLs, counts, the bridge's properties, the environment's variables) is one
 * of these, and every such number is parsed and checked here, so that each rule has one place and
 * every message names the value and the range the same way.
 *
 * @param min the smallest value allowed
 * @param max the largest value allowed; {@link Long#MAX_VALUE} for no upper bound
 */
public record Range(long min, long max) {
  /**
   * Checks the bounds.
   *
   * @param min the smallest value allowed
   * @param max the largest value allowed
   * @throws IllegalArgumentException when {@code min} is above {@code max}
   */
  public Range {
    if (min > max) {
      throw new IllegalArgumentException("range " + min + " to " + max + " is empty");
    }
  }

  /**
   * {@return the numbers from {@code min} to {@code max}, both included}
   *
   * @param min the smallest allowed
   * @param max the largest allowed, at least {@code min}
   */
  public static Range of(long min, long max) {
    return new Range(min, max);
  }

  /**
   * {@return {@code min} or more, without an upper bound}
   *
   * @param min the smallest allowed
   */
  public static Range atLeast(long min) {
    return new Range(min, Long.MAX_VALUE);
  }

  /**
   * {@return whether the value is within the bounds}
   *
   * @param value any number
   */
  public boolean contains(long value) {
    return value >= min && value <= max;
  }

  /**
   * Parses a whole number in this range, leading and trailing blanks allowed.
   *
   * @param text decimal digits, maybe signed
   * @param what what the number is, with its article, as messages name it: {@code "a port"}
   * @throws IllegalArgumentException naming the text and the range, such as {@code '70000' is not a
   *     port (expected 1 to 65535)}
   * @return the number
   */
  public long parse(String text, String what) {
    try {
      return check(Long.parseLong(text.trim()), text, what);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(message(text, what), e);
    }
  }

  /**
   * {@link #parse(String, String)} for a range within the {@code int}s.
   *
   * @param text decimal digits, maybe signed
   * @param what what the number is, with its article, as messages name it
   * @return the number
   */
  public int parseInt(String text, String what) {
    return Math.toIntExact(parse(text, what));
  }

  /**
   * Checks a number that is already one.
   *
   * @param value the number
   * @param what what the number is, with its article, as messages name it
   * @return {@code value}
   * @throws IllegalArgumentException as {@link #parse(String, String)} does
   */
  public long check(long value, String what) {
    return check(value, Long.toString(value), what);
  }

  /**
   * {@link #check(long, String)} for a range within the {@code int}s.
   *
   * @param value the number
   * @param what what the number is, with its article, as messages name it
   * @return {@code value}
   */
  public int checkInt(int value, String what) {
    return Math.toIntExact(check(value, what));
  }

  private long check(long value, String text, String what) {
    if (!contains(value)) {
      throw new IllegalArgumentException(message(text, what));
    }
    return value;
  }

  private String message(String text, String what) {
    return "'" + text + "' is not " + what + " (expected " + this + ")";
  }

  /** {@code 0 to 255}, or {@code 1 or more} without an upper bound. */
  @Override
  public String toString() {
    return max == Long.MAX_VALUE ? min + " or more" : min + " to " + max;
  }
}
