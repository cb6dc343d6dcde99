package dev.multicast.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A map that holds at most {@code capacity} entries and drops the least recently used one to make
 * room, telling {@code onEvict}: per-sender state stays bounded however many sender ids show up.
 */
final class LruMap<K, V> extends LinkedHashMap<K, V> {
  private final int capacity;
  private final transient BiConsumer<K, V> onEvict;

  LruMap(int capacity, BiConsumer<K, V> onEvict) {
    super(16, 0.75f, true);
    this.capacity = capacity;
    this.onEvict = onEvict;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    if (size() <= capacity) {
      return false;
    }
    onEvict.accept(eldest.getKey(), eldest.getValue());
    return true;
  }
}
