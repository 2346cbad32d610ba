package io.avnas.runner.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.avnas.api.ConfigBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keys the user set in a plugin's block that the chosen plugin never reads: {@code
 * -Davnas.estimator.K=5} with {@code id = stgs} would otherwise be accepted and ignored.
 *
 * <p>A key counts as read when the plugin's {@code validate} read it through the recording {@link
 * ConfigBlock}. Only keys the user wrote (file or {@code -D}) are checked, and only when their value
 * differs from the default, so a run folder's {@code config.conf}, which restates every default,
 * raises nothing on {@code --resume}.
 */
public final class UnreadKeys {

  /**
   * One unread key.
   *
   * @param key the full key, e.g. {@code avnas.estimator.K}
   * @param value the value the user gave, rendered as HOCON
   * @param plugin who ignores it, e.g. {@code estimator 'stgs'}
   * @param read the keys the plugin did read, relative to its block, sorted
   */
  public record Unread(String key, String value, String plugin, List<String> read) {
    /** One line naming the key, the plugin and what it reads. */
    public String message() {
      return key + " (set to " + value + ") is not read by " + plugin
          + (read.isEmpty() ? "" : ", which reads " + String.join(", ", read))
          + "; remove it or select a plugin that uses it";
    }
  }

  private UnreadKeys() {}

  /**
   * @param loaded the configuration and its layers
   * @param recorded the plugin's block, validated through {@link ConfigBlock#recording}
   * @param plugin who reads the block, for the message, e.g. {@code estimator 'stgs'}
   */
  public static List<Unread> find(ConfigLoader.Loaded loaded, ConfigBlock recorded, String plugin) {
    String path = recorded.path();
    List<Unread> unread = new ArrayList<>();
    // Walked through the unresolved tree: the user's layers may hold substitutions.
    ConfigValue node = loaded.explicit().root();
    for (String part : ConfigUtil.splitPath(path)) {
      if (!(node instanceof ConfigObject object) || !object.containsKey(part)) {
        return unread;
      }
      node = object.get(part);
    }
    if (!(node instanceof ConfigObject block)) {
      return unread;
    }
    List<String> keys = new ArrayList<>();
    leaves(block, List.of(), keys);
    List<String> read = new ArrayList<>(new TreeSet<>(recorded.readKeys()));
    read.remove(ConfigBlock.ALL_KEYS);
    for (String relative : keys) {
      String full = path + "." + relative;
      if (relative.equals("id") || recorded.wasRead(relative) || !loaded.resolved().hasPath(full)) {
        continue;
      }
      ConfigValue value = loaded.resolved().getValue(full);
      if (loaded.defaults().hasPath(full) && loaded.defaults().getValue(full).unwrapped().equals(value.unwrapped())) {
        continue;
      }
      unread.add(new Unread(full, value.render(ConfigRenderOptions.concise()), plugin, read));
    }
    return unread;
  }

  /** The leaf keys under {@code object}, as path expressions (quoted where needed). */
  private static void leaves(ConfigObject object, List<String> parts, List<String> out) {
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      List<String> key = new ArrayList<>(parts);
      key.add(entry.getKey());
      if (entry.getValue().valueType() == ConfigValueType.OBJECT) {
        leaves((ConfigObject) entry.getValue(), key, out);
      } else {
        out.add(ConfigUtil.joinPath(key));
      }
    }
  }
}
