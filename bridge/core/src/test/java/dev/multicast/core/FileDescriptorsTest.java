package dev.multicast.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The check before opening sockets against this process's real limit on open files. */
class FileDescriptorsTest {
  @Test
  void moreSocketsThanTheLimitLeavesAreRefusedNamingTheLimit() {
    MulticastException refused =
        assertThrows(
            MulticastException.class,
            () -> FileDescriptors.requireRoom(Integer.MAX_VALUE - 100, "cannot receive many"));
    assertEquals(MulticastException.Reason.UNAVAILABLE, refused.reason());
    assertTrue(
        refused
            .getMessage()
            .matches(
                "cannot receive many: a socket each, and this process may open only \\d+ more"
                    + " files \\(ulimit -n is \\d+; expected at most \\d+ sockets, or a higher"
                    + " limit\\)"),
        refused.getMessage());
  }

  @Test
  void aFewSocketsPass() {
    assertDoesNotThrow(() -> FileDescriptors.requireRoom(10, "cannot receive 10 groups"));
  }
}
