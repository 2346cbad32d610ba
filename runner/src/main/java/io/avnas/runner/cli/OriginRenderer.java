package io.avnas.runner.cli;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.URL;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a resolved tree as HOCON with, after every value, the file (and line) it came from: a
 * module's or plugin jar's {@code reference.conf}, the user's file, the quickstart profile, or a
 * {@code -D} override. Shows at a glance which plugin's default won a shared key.
 */
final class OriginRenderer {
  private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise().setJson(false);

  private OriginRenderer() {}

  /** {@code name { ... }} for the object, keys sorted, two spaces per level. */
  static String render(String name, ConfigObject object) {
    StringBuilder out = new StringBuilder();
    out.append(name).append(" {\n");
    body(object, 1, out);
    return out.append("}\n").toString();
  }

  private static void body(ConfigObject object, int depth, StringBuilder out) {
    String indent = "  ".repeat(depth);
    for (Map.Entry<String, ConfigValue> entry : new TreeMap<>(object).entrySet()) {
      String key = simple(entry.getKey()) ? entry.getKey() : ConfigUtil.quoteString(entry.getKey());
      ConfigValue value = entry.getValue();
      if (value.valueType() == ConfigValueType.OBJECT && !((ConfigObject) value).isEmpty()) {
        out.append(indent).append(key).append(" {\n");
        body((ConfigObject) value, depth + 1, out);
        out.append(indent).append("}\n");
      } else {
        out.append(indent).append(key).append(" = ").append(value.render(CONCISE))
            .append("  # ").append(describe(value.origin())).append('\n');
      }
    }
  }

  private static boolean simple(String key) {
    return key.matches("[A-Za-z0-9_-]+");
  }

  /**
   * A short origin: {@code estimator-reinmax-0.1.0.jar!/reference.conf:9}, {@code
   * estimator-grmc/target/classes/reference.conf:6}, {@code my.conf:3} or {@code -Davnas.seed}.
   */
  static String describe(ConfigOrigin origin) {
    URL url = origin.url();
    String line = origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "";
    if (url != null) {
      String text = url.toString();
      int bang = text.indexOf("!/");
      if (bang >= 0) {
        String jar = text.substring(0, bang);
        return jar.substring(jar.lastIndexOf('/') + 1) + text.substring(bang) + line;
      }
      // A classes folder: keep "<module>/target/classes/..." so the module is named.
      int target = text.lastIndexOf("/target/classes/");
      if (target >= 0) {
        int module = text.lastIndexOf('/', target - 1);
        return text.substring(module + 1) + line;
      }
      return text.replaceFirst("^file:", "") + line;
    }
    if (origin.filename() != null) {
      return origin.filename() + line;
    }
    // -D overrides: "-Davnas.x" (a parsed value carries ": 1", which says nothing).
    return origin.description().replaceFirst(": 1$", "");
  }
}
