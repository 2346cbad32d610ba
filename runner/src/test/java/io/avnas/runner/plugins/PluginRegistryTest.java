package io.avnas.runner.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.api.InvalidConfigException;
import io.avnas.api.PluginFactory;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.runner.config.ConfigLoader;
import io.avnas.runner.testing.TestJars;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery on the class path (how surefire runs): built-ins, the plugins-folder class-path route,
 * and every failure a plugins folder can hold. The module-layer route needs the runner in a named
 * module; {@code PluginsModulePathIT} covers it through the real launcher.
 */
class PluginRegistryTest {
  private static final ClassLoader APP = PluginRegistryTest.class.getClassLoader();

  @TempDir Path dir;

  private static String estimator(String className, String id, String members) {
    return TestJars.stub(EstimatorFactory.class, className, id, members);
  }

  private Path estimatorJar(String jarName, String className, String id, String members) throws IOException {
    return TestJars.builder().provider(EstimatorFactory.class, className, estimator(className, id, members))
        .write(dir.resolve(jarName));
  }

  private PluginRegistry discover() {
    return PluginRegistry.discover(PluginLoader.load(dir, APP, null));
  }

  @Test
  void builtInsAreEveryProviderRegisteredOnTheClassPath() throws IOException {
    PluginRegistry registry = PluginRegistry.discover(APP);
    for (PluginKind kind : PluginKind.values()) {
      Set<String> registered = registeredProviders(kind.spi());
      Set<String> discovered = registry.entries().stream().filter(e -> e.kind() == kind)
          .map(e -> e.factory().getClass().getName()).collect(Collectors.toSet());
      assertEquals(registered, discovered, kind.label() + ": every META-INF/services line must become an entry");
      registry.entries().stream().filter(e -> e.kind() == kind)
          .forEach(e -> assertTrue(e.id().matches("[a-z0-9][a-z0-9-]*"), "id '" + e.id() + "' must be lower case, digits and '-'"));
    }
    assertTrue(registry.warnings().isEmpty(), "built-ins load cleanly: " + registry.warnings());
  }

  /** Reads META-INF/services independently of ServiceLoader, as the expected side of the check above. */
  private static Set<String> registeredProviders(Class<?> spi) throws IOException {
    Set<String> names = new HashSet<>();
    Enumeration<URL> files = APP.getResources("META-INF/services/" + spi.getName());
    while (files.hasMoreElements()) {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
        in.lines().map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).forEach(names::add);
      }
    }
    return names;
  }

  @Test
  void plainJarLoadsThroughItsOwnClassLoaderAndNamesItsJar() throws IOException {
    estimatorJar("good.jar", "good.Factory", "good-one", "");
    PluginRegistry registry = discover();
    PluginRegistry.Entry entry = registry.lookup(PluginKind.ESTIMATOR, "good-one").orElseThrow();
    assertEquals("good.jar", entry.origin());
    assertInstanceOf(URLClassLoader.class, entry.factory().getClass().getClassLoader());
    assertEquals("good.jar", ((URLClassLoader) entry.factory().getClass().getClassLoader()).getName());
    assertTrue(registry.warnings().isEmpty(), registry.warnings().toString());
  }

  @Test
  void unknownIdFailsListingTheIdsThatExist() throws IOException {
    estimatorJar("a.jar", "a.Factory", "alpha", "");
    estimatorJar("b.jar", "b.Factory", "beta", "");
    PluginRegistry registry = discover();
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> registry.get(EstimatorFactory.class, PluginKind.ESTIMATOR, "nope", "avnas.estimator.id"));
    assertEquals("avnas.estimator.id", e.key());
    assertTrue(e.getMessage().contains("\"nope\""), e.getMessage());
    assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("beta"), e.getMessage());
    assertEquals(List.of("alpha", "beta"), registry.ids(PluginKind.ESTIMATOR).stream()
        .filter(id -> id.equals("alpha") || id.equals("beta")).collect(Collectors.toList()));
  }

  @Test
  void twoProvidersOfOneIdAreAnErrorNamingBothSources() throws IOException {
    estimatorJar("first.jar", "first.Twin", "twin", "");
    estimatorJar("second.jar", "second.Twin", "twin", "");
    PluginException e = assertThrows(PluginException.class, this::discover);
    assertTrue(e.getMessage().contains("'twin'"), e.getMessage());
    assertTrue(e.getMessage().contains("first.Twin from first.jar"), e.getMessage());
    assertTrue(e.getMessage().contains("second.Twin from second.jar"), e.getMessage());
  }

  @Test
  void theSameJarCopiedTwiceIsADuplicateToo() throws IOException {
    Path jar = estimatorJar("copy1.jar", "dup.Factory", "dup", "");
    Files.copy(jar, dir.resolve("copy2.jar"));
    PluginException e = assertThrows(PluginException.class, this::discover);
    assertTrue(e.getMessage().contains("copy1.jar") && e.getMessage().contains("copy2.jar"), e.getMessage());
  }

  @Test
  void brokenJarsAreReportedByFileNameAndDoNotStopTheOthers() throws IOException {
    Files.createFile(dir.resolve("empty.jar"));
    Files.write(dir.resolve("corrupt.jar"), "this is not a zip file".getBytes(StandardCharsets.UTF_8));
    estimatorJar("throws.jar", "bad.Throwing", "throwing",
        "  public Throwing() { throw new IllegalStateException(\"boom in constructor\"); }\n");
    TestJars.builder().resource("readme.txt", "no plugins here").write(dir.resolve("nothing.jar"));
    TestJars.builder().resource("META-INF/services/" + EstimatorFactory.class.getName(), "missing.Gone\n")
        .write(dir.resolve("dangling.jar"));
    estimatorJar("z-good.jar", "good.Factory", "survivor", "");

    PluginRegistry registry = discover();

    assertTrue(registry.lookup(PluginKind.ESTIMATOR, "survivor").isPresent(), "the good jar still loads");
    assertFalse(registry.lookup(PluginKind.ESTIMATOR, "throwing").isPresent());
    List<String> warnings = registry.warnings();
    assertWarning(warnings, "empty.jar", "not a readable jar");
    assertWarning(warnings, "corrupt.jar", "not a readable jar");
    assertWarning(warnings, "throws.jar", "boom in constructor");
    assertWarning(warnings, "nothing.jar", "contains no avnas plugin");
    assertWarning(warnings, "dangling.jar", "missing.Gone");
    assertEquals(5, warnings.size(), "one warning per broken jar: " + warnings);
  }

  private static void assertWarning(List<String> warnings, String jar, String text) {
    assertTrue(warnings.stream().anyMatch(w -> w.startsWith(jar) && w.contains(text)),
        "expected a warning starting with " + jar + " that says '" + text + "' in " + warnings);
  }

  @Test
  void anIdThatCannotBeTypedInAConfigIsReportedAndSkipped() throws IOException {
    estimatorJar("shouty.jar", "shouty.Factory", "My_Estimator", "");
    estimatorJar("fine.jar", "fine.Factory", "fine-2", "");
    PluginRegistry registry = discover();
    assertTrue(registry.lookup(PluginKind.ESTIMATOR, "fine-2").isPresent());
    assertFalse(registry.lookup(PluginKind.ESTIMATOR, "My_Estimator").isPresent());
    assertWarning(registry.warnings(), "shouty.jar", "'My_Estimator', but ids are lower-case letters, digits and '-'");
  }

  @Test
  void aMissingPluginsFolderAddsNothing() {
    PluginLoader.Loaded loaded = PluginLoader.load(dir.resolve("absent"), APP, null);
    assertEquals(1, loaded.sources().size(), "only the application");
    assertTrue(loaded.warnings().isEmpty());
  }

  @Test
  void aPluginJarsReferenceConfJoinsTheSchema() throws IOException {
    TestJars.builder()
        .provider(EstimatorFactory.class, "knob.Factory", estimator("knob.Factory", "knobbed", ""))
        .resource("reference.conf", "avnas.estimator.knob = 3\n")
        .write(dir.resolve("knob.jar"));
    PluginLoader.Loaded loaded = PluginLoader.load(dir, APP, null);
    assertEquals(3, new ConfigLoader(loaded.classLoaders()).reference().getInt("avnas.estimator.knob"));
    assertFalse(new ConfigLoader(List.of(APP)).reference().hasPath("avnas.estimator.knob"), "not without the jar");
  }

  @Test
  void theExamplePluginLoadsFromAPluginsFolder() throws IOException {
    Path example = TestJars.exampleJar();
    org.junit.jupiter.api.Assumptions.assumeTrue(example != null,
        "examples/estimator-example is not built (run the reactor: mvn -B verify)");
    Files.copy(example, dir.resolve(example.getFileName()));
    PluginRegistry registry = discover();
    PluginRegistry.Entry entry = registry.lookup(PluginKind.ESTIMATOR, "softmax-tau").orElseThrow();
    assertEquals(example.getFileName().toString(), entry.origin());
    PluginFactory factory = entry.factory();
    assertNotNull(factory.description());
    assertThrows(ClassNotFoundException.class, () -> Class.forName(factory.getClass().getName(), false, APP),
        "the example must not be on the runner's class path");
  }
}
