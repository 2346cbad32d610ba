package io.avnas.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.avnas.api.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading and validation of the avnas tree: precedence, and each kind of failure. */
class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader(List.of(ConfigLoaderTest.class.getClassLoader()));

  @TempDir Path dir;

  private Path file(String hocon) throws IOException {
    return Files.writeString(dir.resolve("exp.conf"), hocon);
  }

  private static Map<String, String> overrides(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private InvalidConfigException invalid(Path file, String... pairs) {
    return assertThrows(InvalidConfigException.class, () -> loader.load(file, overrides(pairs)));
  }

  @Test
  void precedenceIsReferenceThenFileThenOverrides() throws IOException {
    Config reference = loader.reference();
    Path exp = file("avnas { seed = 7, search.epochs = 3 }");
    Config fromFile = loader.load(exp, Map.of());
    assertEquals(7, fromFile.getInt("avnas.seed"), "the file beats the reference");
    assertEquals(3, fromFile.getInt("avnas.search.epochs"));
    assertEquals(reference.getInt("avnas.retrain.epochs"), fromFile.getInt("avnas.retrain.epochs"), "untouched keys keep the reference");
    Config overridden = loader.load(exp, overrides("avnas.seed", "9"));
    assertEquals(9, overridden.getInt("avnas.seed"), "-D beats the file");
    assertEquals(3, overridden.getInt("avnas.search.epochs"), "-D changes only its own key");
  }

  @Test
  void withoutAFileTheQuickstartProfileSitsBetweenReferenceAndOverrides() {
    Config reference = loader.reference();
    Config quick = loader.load(null, Map.of());
    assertTrue(quick.getInt("avnas.search.epochs") < reference.getInt("avnas.search.epochs"), "quickstart is smaller than paper scale");
    assertEquals(reference.getInt("avnas.seed"), quick.getInt("avnas.seed"));
    assertEquals(5, loader.load(null, overrides("avnas.search.epochs", "5")).getInt("avnas.search.epochs"));
  }

  @Test
  void keysOutsideAvnasServeSubstitutions() throws IOException {
    Config config = loader.load(file("fast { epochs = 2, batch-size = 4 }\navnas.search = ${fast}\navnas.retrain = ${fast}"), Map.of());
    RunPlan plan = RunPlan.of(config);
    assertEquals(List.of(2, 4), List.of(plan.search().epochs(), plan.search().batchSize()));
    assertEquals(List.of(2, 4), List.of(plan.retrain().epochs(), plan.retrain().batchSize()));
  }

  @Test
  void unknownKeyIsNamedWithASuggestion() throws IOException {
    InvalidConfigException e = invalid(file("avnas.serch.epochs = 3"));
    assertEquals("avnas.serch", e.key());
    assertTrue(e.getMessage().contains("Did you mean 'search'?"), e.getMessage());
    InvalidConfigException leaf = invalid(null, "avnas.search.epoch", "3");
    assertEquals("avnas.search.epoch", leaf.key());
    assertTrue(leaf.getMessage().contains("Did you mean 'epochs'?") && leaf.getMessage().contains("batch-size"), leaf.getMessage());
    assertTrue(leaf.getMessage().contains("(set to 3)"), "the value is named too: " + leaf.getMessage());
  }

  @Test
  void wrongTypeNamesKeyValueAndType() throws IOException {
    InvalidConfigException e = invalid(file("avnas.search.epochs = many"));
    assertEquals("avnas.search.epochs", e.key());
    assertTrue(e.getMessage().contains("\"many\"") && e.getMessage().contains("a number"), e.getMessage());
    InvalidConfigException object = invalid(file("avnas.run = fast"));
    assertTrue(object.getMessage().contains("an object") && object.getMessage().contains("dir, name"), object.getMessage());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "avnas.search.epochs     | 0       | an integer in [1,",
      "avnas.retrain.epochs    | -3      | an integer in [1,",
      "avnas.search.batch-size | 0       | an integer in [1,",
      "avnas.retrain.batch-size| 0       | an integer in [1,",
      "avnas.retrain.lr        | -1      | a number greater than 0",
      "avnas.search.select     | sometimes | one of best-dev, last",
      "avnas.pretrain.epochs   | 0       | an integer in [1,",
      "avnas.pretrain.batch-size | 1     | an integer in [2,",
      "avnas.features.threads  | -2      | an integer in [0,",
      "avnas.seed              | -1      | an integer in [0,",
      "avnas.device            | tpu     | auto, cpu, gpu or gpu:N",
      "avnas.device            | gpu:x   | auto, cpu, gpu or gpu:N",
      "avnas.run.name          | a/b     | without '/'",
      "avnas.run.dir           | ' '     | a folder path",
  })
  void outOfRangeValuesNameKeyValueAndWhatIsAllowed(String key, String value, String allowed) {
    InvalidConfigException e = invalid(null, key, value);
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains(value.trim()), e.getMessage());
    assertTrue(e.getMessage().contains(allowed), e.getMessage());
  }

  @Test
  void rangesAreCheckedForValuesFromAFileToo() throws IOException {
    InvalidConfigException e = invalid(file("avnas.search { epochs = 0 }"));
    assertEquals("avnas.search.epochs", e.key());
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("nope.conf");
    InvalidConfigException e = invalid(missing);
    assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()) && e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void parseErrorNamesTheFileAndLine() throws IOException {
    Path broken = file("avnas {\n  seed = 1\n  search { epochs = \n");
    InvalidConfigException e = invalid(broken);
    assertEquals(broken.toAbsolutePath().normalize().toString(), e.key());
    assertTrue(e.getMessage().contains("cannot parse HOCON: line 4: "), "the line number: " + e.getMessage());
  }

  @Test
  void unresolvedSubstitutionNamesFileLineAndTheFix() throws IOException {
    Path exp = file("avnas.seed = ${nope}");
    InvalidConfigException e = invalid(exp);
    assertEquals(exp + ": 1: Could not resolve substitution to a value: ${nope} (define it, or write ${?name} for an optional substitution)",
        e.getMessage());
  }

  @Test
  void overrideValuesWithColonsSlashesAndHashesArriveUnchanged() {
    Config config = loader.load(null, overrides(
        "avnas.device", "gpu:0",
        "avnas.run.dir", "/tmp/a//b",
        "avnas.run.name", "exp#2"));
    assertEquals("gpu:0", config.getString("avnas.device"));
    assertEquals("/tmp/a//b", config.getString("avnas.run.dir"));
    assertEquals("exp#2", config.getString("avnas.run.name"));
    assertEquals("gpu:0", RunSettings.from(config).device());
  }

  @Test
  void overrideValuesKeepTheirHoconTypes() {
    Config config = loader.load(null, overrides("avnas.seed", "5", "avnas.run.name", "\"quoted name\""));
    assertEquals(com.typesafe.config.ConfigValueType.NUMBER, config.getValue("avnas.seed").valueType());
    assertEquals("quoted name", config.getString("avnas.run.name"));
  }

  @Test
  void aCrossDatasetBlockWithoutAnIdIsNamedByItsIndex() {
    InvalidConfigException e = invalid(null, "avnas.evaluate.cross", "[{id = synthetic}, {root = /data}]");
    assertEquals("avnas.evaluate.cross[1].id", e.key());
    assertTrue(e.getMessage().contains("names its dataset provider by id"), e.getMessage());
  }

  @Test
  void overridesOutsideAvnasAreRejected() {
    InvalidConfigException e = invalid(null, "seed", "3");
    assertTrue(e.getMessage().contains("not under avnas"), e.getMessage());
  }

  @Test
  void runSettingsReadTheCoreKeys() {
    RunSettings settings = RunSettings.from(loader.load(null, overrides("avnas.seed", "11", "avnas.device", "CPU")));
    assertEquals(11, settings.seed());
    assertEquals("cpu", settings.device(), "device is case-insensitive");
    ConfigLoader.Loaded loaded = loader.load(null, overrides("avnas.search.epochs", "4", "avnas.search.batch-size", "8"),
        PluginDefaults.NONE);
    assertEquals(List.of(4, 8), List.of(loaded.plan().search().epochs(), loaded.plan().search().batchSize()));
    assertEquals(loaded.resolved().getInt("avnas.retrain.batch-size"), loaded.plan().retrain().batchSize());
  }
}
