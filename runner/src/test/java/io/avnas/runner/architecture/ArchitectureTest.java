package io.avnas.runner.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.library.dependencies.Slice;
import io.avnas.runner.testing.TestJars;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md. The plugins are runtime dependencies of the runner,
 * so their classes are on the test class path and imported from there; the example plugin, which is
 * never on the runner's class path, is imported from its jar.
 */
class ArchitectureTest {
  /** The package families of plugin modules; one module is {@code io.avnas.<family>.<name>}. */
  static final List<String> PLUGIN_FAMILIES = List.of("estimator", "searchspace", "backbone", "datasets", "example");
  static final String[] PLUGIN_PACKAGES = PLUGIN_FAMILIES.stream().map(f -> "io.avnas." + f + "..").toArray(String[]::new);

  /** What plugins may use besides the platform and their own module (ai.djl.pytorch is excluded below). */
  static final String[] LIBRARIES = {"java..", "javax..", "ai.djl..", "com.typesafe..", "org.bytedeco..", "com.google.gson..", "org.slf4j.."};

  /** "At most one small adapter": the classes allowed to touch ai.djl.pytorch, all in one package. */
  static final int MAX_PYTORCH_ADAPTER_CLASSES = 3;

  static JavaClasses classes;
  static boolean exampleImported;

  @BeforeAll
  static void importClasses() throws IOException {
    Set<Location> locations = new HashSet<>(Locations.ofPackage("io.avnas"));
    Path example = TestJars.exampleJar();
    if (example != null) {
      try (JarFile jar = new JarFile(example.toFile())) {
        locations.add(Location.of(jar));
      }
      exampleImported = true;
    }
    // Test code is not production code: exclude test-classes folders and test jars (the runner's
    // tests use datasets-av's published media fixtures).
    ImportOption noTestJars = location -> !location.contains("-tests.jar");
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(noTestJars)
        .importLocations(locations);
  }

  @Test
  void theRulesSeeEveryPluginFamilyThatHasClasses() throws IOException {
    assertFalse(classes.that(inPackage("io.avnas.runner")).isEmpty(), "runner classes imported");
    assertFalse(classes.that(inPackage("io.avnas.api")).isEmpty(), "platform-api classes imported");
    assertFalse(classes.that(inPackage("io.avnas.support.media")).isEmpty(), "platform-support classes imported");
    for (String family : PLUGIN_FAMILIES) {
      String pkg = "io/avnas/" + family;
      boolean onClassPath = ArchitectureTest.class.getClassLoader().getResources(pkg).hasMoreElements();
      boolean imported = !classes.that(inPackage("io.avnas." + family)).isEmpty();
      if (onClassPath || (family.equals("example") && exampleImported)) {
        assertTrue(imported, "the " + pkg + " classes on the class path must be imported, or the rules below pass vacuously");
      }
    }
    if (exampleImported) {
      assertTrue(classes.contain("io.avnas.example.estimator.SoftmaxTauFactory"));
    }
  }

  @Test
  void pluginsDependOnlyOnThePlatformTheirOwnModuleAndLibraries() {
    boolean anyPlugin = !classes.that(inAnyPackage(PLUGIN_PACKAGES)).isEmpty();
    String[] allowed = concat(concat(LIBRARIES, "io.avnas.api..", "io.avnas.support.."), PLUGIN_PACKAGES);
    classes().that().resideInAnyPackage(PLUGIN_PACKAGES)
        .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
        .allowEmptyShould(!anyPlugin)
        .check(classes);
    // Within the families allowed above, a plugin module may use only itself: no plugin uses another.
    slices().matching("io.avnas.(*).(*)..").that(pluginSlice())
        .should().notDependOnEachOther()
        .allowEmptyShould(!anyPlugin)
        .check(classes);
    noClasses().that().resideInAnyPackage(PLUGIN_PACKAGES)
        .should().dependOnClassesThat().resideInAnyPackage("ai.djl.pytorch..", "io.avnas.runner..", "com.google.inject..", "picocli..")
        .allowEmptyShould(!anyPlugin)
        .check(classes);
  }

  @Test
  void theRunnerImportsNoPluginPackage() {
    noClasses().that().resideInAPackage("io.avnas.runner..")
        .should().dependOnClassesThat().resideInAnyPackage(PLUGIN_PACKAGES)
        .allowEmptyShould(false)
        .check(classes);
  }

  @Test
  void platformApiDependsOnNoRunnerAndNoPlugin() {
    noClasses().that().resideInAPackage("io.avnas.api..")
        .should().dependOnClassesThat()
        .resideInAnyPackage(concat(PLUGIN_PACKAGES, "io.avnas.support..", "io.avnas.runner..", "ai.djl.pytorch.."))
        .allowEmptyShould(false)
        .check(classes);
  }

  /** platform-support sits between the SPIs and their users: it may use the API and libraries, nothing above. */
  @Test
  void platformSupportDependsOnlyOnPlatformApiAndLibraries() {
    classes().that().resideInAPackage("io.avnas.support..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(concat(LIBRARIES, "io.avnas.api..", "io.avnas.support.."))
        .allowEmptyShould(false)
        .check(classes);
  }

  @Test
  void noPackageCyclesBetweenModules() {
    slices().matching("io.avnas.(*)..").should().beFreeOfCycles().allowEmptyShould(false).check(classes);
  }

  @Test
  void noPackageCyclesInsideTheRunner() {
    slices().matching("io.avnas.runner.(*)..").should().beFreeOfCycles().allowEmptyShould(false).check(classes);
  }

  /** The command line sits above the domain: commands use the stages, never the other way round. */
  @Test
  void onlyTheCommandLineAndMainUseTheCommandLine() {
    noClasses().that().resideInAPackage("io.avnas.runner..")
        .and().resideOutsideOfPackage("io.avnas.runner.cli..")
        .and().doNotHaveFullyQualifiedName("io.avnas.runner.Main")
        .should().dependOnClassesThat().resideInAPackage("io.avnas.runner.cli..")
        .allowEmptyShould(false)
        .check(classes);
    classes().that().haveSimpleNameEndingWith("Command").and().resideInAPackage("io.avnas.runner..")
        .should().resideInAPackage("io.avnas.runner.cli..")
        .allowEmptyShould(false)
        .check(classes);
  }

  @Test
  void pytorchClassesAppearAtMostInOneSmallAdapter() {
    Set<String> users = new TreeSet<>();
    for (JavaClass type : classes) {
      for (Dependency d : type.getDirectDependenciesFromSelf()) {
        if (d.getTargetClass().getPackageName().startsWith("ai.djl.pytorch")) {
          users.add(topLevel(type).getName());
        }
      }
    }
    Set<String> packages = users.stream().map(n -> n.substring(0, n.lastIndexOf('.'))).collect(Collectors.toSet());
    assertTrue(packages.size() <= 1 && users.size() <= MAX_PYTORCH_ADAPTER_CLASSES,
        "ai.djl.pytorch may be used by at most " + MAX_PYTORCH_ADAPTER_CLASSES + " classes of one package (the adapter), but is used by " + users);
  }

  private static JavaClass topLevel(JavaClass type) {
    JavaClass current = type;
    while (current.getEnclosingClass().isPresent()) {
      current = current.getEnclosingClass().get();
    }
    return current;
  }

  private static DescribedPredicate<Slice> pluginSlice() {
    return DescribedPredicate.describe("are plugin modules", slice -> PLUGIN_FAMILIES.contains(slice.getNamePart(1)));
  }

  private static DescribedPredicate<JavaClass> inPackage(String pkg) {
    return DescribedPredicate.describe("in " + pkg, c -> c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + "."));
  }

  private static DescribedPredicate<JavaClass> inAnyPackage(String... patterns) {
    return DescribedPredicate.describe("in plugin packages", c -> {
      for (String p : patterns) {
        String pkg = p.substring(0, p.length() - 2);
        if (c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + ".")) {
          return true;
        }
      }
      return false;
    });
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
