package com.cjmflow.platform;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Values that live as long as the current engine command: what one listener of a command learnt and a later one in
 * the same command reuses (computed once per command, carried from an activity's end to the next one's start). Each
 * command has its own map, dropped with the command; outside a command there is none.
 *
 * @param <K> the key within a command (e.g. a process instance id)
 * @param <V> the value
 */
public final class CommandScoped<K, V> {

  private final Map<Object, Map<K, V>> byCommand = new WeakHashMap<>();

  /** The current command's map (modifiable, used by the command's thread only); null outside a command. */
  public Map<K, V> current() {
    Object command = EngineContext.currentCommand();
    if (command == null) {
      return null;
    }
    synchronized (byCommand) {
      return byCommand.computeIfAbsent(command, c -> new HashMap<>());
    }
  }

  /** Remembers {@code value} for the current command; does nothing outside a command. */
  public void put(K key, V value) {
    Map<K, V> map = current();
    if (map != null) {
      map.put(key, value);
    }
  }

  /** Takes (removes and returns) what the current command remembered for {@code key}; null when nothing. */
  public V take(K key) {
    Map<K, V> map = current();
    return map == null ? null : map.remove(key);
  }
}
