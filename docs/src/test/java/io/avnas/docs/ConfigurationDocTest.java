package io.avnas.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.avnas.runner.config.ConfigLoader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One source of truth for a default: every key that a {@code reference.conf} of the runner or a
 * built-in plugin declares must have a row in docs/configuration.md, and each row's default must
 * equal the reference value. A failure prints the rows to add or fix, ready to paste.
 */
class ConfigurationDocTest {
  /** A table row: {@code | `avnas.key` | `default` | meaning |}. */
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`(avnas\\.[^`]+)`\\s*\\|\\s*`([^`]*)`\\s*\\|(.*)\\|\\s*$");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  private static Path doc() {
    return Path.of(System.getProperty("test.docs.dir", ".")).resolve("configuration.md");
  }

  /** The documented defaults by key, from the tables of configuration.md (not from code blocks). */
  static Map<String, String> documented(List<String> lines) {
    Map<String, String> rows = new LinkedHashMap<>();
    boolean inCode = false;
    for (String line : lines) {
      if (line.strip().startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (!inCode && m.matches()) {
        rows.put(m.group(1), m.group(2));
      }
    }
    return rows;
  }

  /** Every leaf key under avnas in the merged references, with its value (null defaults included). */
  static Map<String, ConfigValue> referenceKeys(Config reference) {
    Map<String, ConfigValue> keys = new TreeMap<>();
    leaves("avnas", reference.root().toConfig().getObject("avnas"), keys);
    return keys;
  }

  private static void leaves(String path, ConfigObject object, Map<String, ConfigValue> keys) {
    object.forEach((name, value) -> {
      String key = path + "." + ConfigUtil.joinPath(name);
      if (value instanceof ConfigObject child) {
        leaves(key, child, keys);
      } else {
        keys.put(key, value);
      }
    });
  }

  @Test
  void everyReferenceKeyIsDocumentedWithItsDefault() throws IOException {
    Path doc = doc();
    assertTrue(Files.isRegularFile(doc), "missing " + doc.toAbsolutePath());
    Map<String, String> documented = documented(Files.readAllLines(doc));
    assertTrue(documented.size() >= 10, "configuration.md must document the core keys in `| `key` | `default` | meaning |` rows");
    Map<String, ConfigValue> reference = referenceKeys(mergedReferences(getClass().getClassLoader()));

    List<String> missing = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
      String cell = documented.get(e.getKey());
      if (cell == null) {
        missing.add(row(e.getKey(), e.getValue()));
      } else if (!sameValue(cell, e.getValue())) {
        wrong.add(row(e.getKey(), e.getValue()) + "    <- documented default was `" + cell + "`");
      }
    }
    List<String> stale = documented.keySet().stream().filter(k -> !reference.containsKey(k)).collect(Collectors.toList());

    if (!missing.isEmpty() || !wrong.isEmpty() || !stale.isEmpty()) {
      StringBuilder message = new StringBuilder("docs/configuration.md disagrees with the reference.conf files:\n");
      if (!missing.isEmpty()) {
        message.append("\nAdd these rows (meaning taken from the reference.conf comment):\n").append(String.join("\n", missing)).append('\n');
      }
      if (!wrong.isEmpty()) {
        message.append("\nFix the default of these rows (the reference.conf value is the truth):\n").append(String.join("\n", wrong)).append('\n');
      }
      if (!stale.isEmpty()) {
        message.append("\nRemove these rows, or declare the keys in a reference.conf (no module declares them):\n")
            .append(stale.stream().map(k -> "| `" + k + "` |").collect(Collectors.joining("\n"))).append('\n');
      }
      fail(message.toString());
    }
  }

  /**
   * Every {@code reference.conf} on the class path, merged as the runner merges them: the shared
   * defaults of platform-api and platform-support and the runner's first, then the plugins' (a
   * plugin's value for a shared key, such as reinmax's tau, applies only when it is chosen, and is
   * named in the key's row).
   */
  static Config mergedReferences(ClassLoader loader) {
    return new ConfigLoader(List.of(loader)).reference();
  }

  /** A ready-to-paste table row for a reference key. */
  static String row(String key, ConfigValue value) {
    String meaning = String.join(" ", value.origin().comments()).trim().replace("|", "\\|");
    return "| `" + key + "` | `" + render(value) + "` | " + (meaning.isEmpty() ? "TODO: what it means" : meaning) + " |";
  }

  /** HOCON for a value as a user would write it: plain words unquoted, everything else as JSON. */
  static String render(ConfigValue value) {
    if (value.valueType() == ConfigValueType.STRING) {
      String s = (String) value.unwrapped();
      return PLAIN.matcher(s).matches() && !List.of("true", "false", "null", "yes", "no", "on", "off").contains(s)
          ? s : value.render(ConfigRenderOptions.concise());
    }
    // Typesafe Config keeps 1.0 as the integer 1; either spelling matches in sameValue.
    return value.render(ConfigRenderOptions.concise());
  }

  /** Compares a documented cell with a reference value by meaning: 1 equals 1.0, quotes are optional. */
  static boolean sameValue(String cell, ConfigValue reference) {
    Object documented;
    try {
      ConfigValue parsed = ConfigFactory.parseString("v = " + cell).root().get("v");
      documented = parsed == null ? null : parsed.unwrapped();
    } catch (ConfigException e) {
      documented = cell;
    }
    return normalise(documented).equals(normalise(reference.unwrapped()));
  }

  private static Object normalise(Object value) {
    if (value instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ConfigurationDocTest::normalise).collect(Collectors.toList());
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new TreeMap<>();
      map.forEach((k, v) -> out.put(k, normalise(v)));
      return out;
    }
    return value == null ? "null" : value;
  }

  @Test
  void theCheckerComparesByMeaningAndPrintsPasteableRows() {
    Config reference = ConfigFactory.parseString("avnas {\n  # How hot.\n  tau = 1.0\n  name = quick\n  list = [1, 2]\n  dev = \"gpu:0\"\n  k = null\n}");
    assertTrue(sameValue("1", reference.getValue("avnas.tau")));
    assertTrue(sameValue("1.0", reference.getValue("avnas.tau")));
    assertTrue(!sameValue("0.1", reference.getValue("avnas.tau")));
    assertTrue(sameValue("quick", reference.getValue("avnas.name")) && sameValue("\"quick\"", reference.getValue("avnas.name")));
    assertTrue(sameValue("[1, 2]", reference.getValue("avnas.list")) && !sameValue("[2, 1]", reference.getValue("avnas.list")));
    assertTrue(sameValue("\"gpu:0\"", reference.getValue("avnas.dev")));
    Map<String, ConfigValue> keys = referenceKeys(reference);
    assertTrue(keys.containsKey("avnas.k") && sameValue("null", keys.get("avnas.k")), "a null default is a key too");
    assertTrue(row("avnas.tau", keys.get("avnas.tau")).equals("| `avnas.tau` | `1` | How hot. |"), row("avnas.tau", keys.get("avnas.tau")));
    assertTrue(row("avnas.dev", keys.get("avnas.dev")).equals("| `avnas.dev` | `\"gpu:0\"` | TODO: what it means |"));
    assertTrue(documented(List.of("| `avnas.tau` | `1.0` | How hot. |", "| not | a row |", "```", "| `avnas.x` | `1` | in code |", "```"))
        .equals(Map.of("avnas.tau", "1.0")), "rows in code blocks are examples, not documentation");
  }
}
