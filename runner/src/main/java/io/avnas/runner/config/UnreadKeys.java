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
   * @param kind the plugin kind's label, e.g. {@code estimator}
   * @param id the chosen plugin's id, e.g. {@code stgs}
   * @param read what the plugin did read, relative to its block: keys, with a nested group shown
   *     once as {@code group.*}, sorted
   */
  public record Unread(String key, String value, String kind, String id, List<String> read) {
    /** What is wrong, without the advice: {@code avnas.estimator.K (set to 5) is not read by estimator 'stgs' ...}. */
    public String problem() {
      return key + " (set to " + value + ") is not read by " + kind + " '" + id + "'"
          + (read.isEmpty() ? "" : ", which reads " + String.join(", ", read));
    }

    /** One line naming the key, the plugin, what it reads and the fix. */
    public String message() {
      return problem() + "; remove it, or select " + (kind.matches("[aeiou].*") ? "an " : "a ") + kind + " that uses it";
    }
  }

  private UnreadKeys() {}

  /**
   * @param loaded the configuration and its layers
   * @param recorded the plugin's block, validated through {@link ConfigBlock#recording}
   * @param kind the plugin kind's label, e.g. {@code estimator}
   * @param id the chosen plugin's id
   */
  public static List<Unread> find(ConfigLoader.Loaded loaded, ConfigBlock recorded, String kind, String id) {
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
    TreeSet<String> groups = new TreeSet<>();
    for (String key : recorded.readKeys()) {
      int dot = key.indexOf('.');
      if (!key.equals(ConfigBlock.ALL_KEYS)) {
        groups.add(dot < 0 ? key : key.substring(0, dot) + ".*");
      }
    }
    List<String> read = new ArrayList<>(groups);
    for (String relative : keys) {
      String full = path + "." + relative;
      if (relative.equals("id") || recorded.wasRead(relative) || !loaded.resolved().hasPath(full)) {
        continue;
      }
      ConfigValue value = loaded.resolved().getValue(full);
      if (loaded.defaults().hasPath(full) && loaded.defaults().getValue(full).unwrapped().equals(value.unwrapped())) {
        continue;
      }
      unread.add(new Unread(full, value.render(ConfigRenderOptions.concise()), kind, id, read));
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
