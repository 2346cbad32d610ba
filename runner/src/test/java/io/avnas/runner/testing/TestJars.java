package io.avnas.runner.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds small plugin jars inside a test: sources are compiled with the system compiler against the
 * test class path (so against the real SPIs), then packed with {@code java.util.jar}.
 */
public final class TestJars {
  private TestJars() {}

  /** A jar under construction: Java sources by class name, and other resources by path. */
  public static final class Builder {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();

    /** Adds a class, e.g. {@code source("p.A", "package p; public class A {}")}. */
    public Builder source(String className, String code) {
      sources.put(className, code);
      return this;
    }

    public Builder resource(String path, String text) {
      return binary(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a file as it is, e.g. an already compiled class. */
    public Builder binary(String path, byte[] bytes) {
      resources.put(path, bytes);
      return this;
    }

    /** Adds a provider class and registers it in {@code META-INF/services} for its SPI. */
    public Builder provider(Class<?> spi, String className, String code) {
      source(className, code);
      String path = "META-INF/services/" + spi.getName();
      String lines = resources.containsKey(path) ? new String(resources.get(path), StandardCharsets.UTF_8) : "";
      resource(path, lines + className + "\n");
      return this;
    }

    /** Compiles the sources in a scratch folder next to {@code jar} and writes the jar. */
    public Path write(Path jar) throws IOException {
      Path work = Files.createTempDirectory(jar.getParent(), "build-");
      Path src = work.resolve("src");
      Path classes = work.resolve("classes");
      Files.createDirectories(classes);
      List<String> files = new ArrayList<>();
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue());
        files.add(file.toString());
      }
      if (!files.isEmpty()) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
            "-cp", System.getProperty("java.class.path")));
        args.addAll(files);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rc = compiler.run(null, log, log, args.toArray(String[]::new));
        assertTrue(rc == 0, "test plugin sources did not compile:\n" + log.toString(StandardCharsets.UTF_8));
      }
      try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest());
           Stream<Path> walk = Files.walk(classes)) {
        for (Path file : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
          zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
          zip.write(Files.readAllBytes(file));
          zip.closeEntry();
        }
        for (Map.Entry<String, byte[]> e : resources.entrySet()) {
          zip.putNextEntry(new JarEntry(e.getKey()));
          zip.write(e.getValue());
          zip.closeEntry();
        }
      }
      return jar;
    }

    private static Manifest manifest() {
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
      return manifest;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Source of a provider of {@code spi} with the given id whose component-creating methods throw.
   * The methods are generated from the SPI by reflection, so the stub keeps compiling when an SPI
   * gains or changes a method.
   *
   * @param extraMembers more members, e.g. a constructor that throws or a {@code validate} override
   */
  public static String stub(Class<?> spi, String className, String id, String extraMembers) {
    int dot = className.lastIndexOf('.');
    StringBuilder code = new StringBuilder();
    code.append("package ").append(className, 0, dot).append(";\n\n")
        .append("public class ").append(className.substring(dot + 1)).append(" implements ").append(spi.getName()).append(" {\n")
        .append("  @Override public String id() { return \"").append(id).append("\"; }\n")
        .append("  @Override public String description() { return \"test stub ").append(id).append("\"; }\n")
        .append(extraMembers).append('\n');
    for (Method m : spi.getMethods()) {
      if (!Modifier.isAbstract(m.getModifiers()) || m.getName().equals("id") || m.getName().equals("description")) {
        continue;
      }
      String params = Arrays.stream(m.getGenericParameterTypes()).map(TestJars::typeName)
          .map(new java.util.function.Function<String, String>() {
            private int i;

            @Override
            public String apply(String type) {
              return type + " a" + i++;
            }
          }).collect(Collectors.joining(", "));
      code.append("  @Override public ").append(typeName(m.getGenericReturnType())).append(' ').append(m.getName())
          .append('(').append(params).append(") { throw new UnsupportedOperationException(\"test stub\"); }\n");
    }
    return code.append("}\n").toString();
  }

  private static String typeName(Type type) {
    return type.getTypeName().replace('$', '.');
  }

  /**
   * Selects the stubs of {@link #stubsForOtherKinds}, so a test that is about one estimator does not
   * depend on which built-in datasets, backbones and search spaces this build has.
   */
  public static final Map<String, String> SELECT_STUBS = Map.of(
      "avnas.dataset.id", "test-dataset",
      "avnas.backbone.visual.id", "test-backbone",
      "avnas.backbone.audio.id", "test-backbone",
      "avnas.searchspace.id", "test-searchspace");

  /** A plain jar with stub dataset, backbone and search-space plugins ({@link #SELECT_STUBS}). */
  public static Path stubsForOtherKinds(Path jar) throws IOException {
    return builder()
        .provider(io.avnas.api.data.DatasetProviderFactory.class, "teststub.Dataset",
            stub(io.avnas.api.data.DatasetProviderFactory.class, "teststub.Dataset", "test-dataset", ""))
        .provider(io.avnas.api.backbone.BackboneFactory.class, "teststub.Backbone",
            stub(io.avnas.api.backbone.BackboneFactory.class, "teststub.Backbone", "test-backbone", ""))
        .provider(io.avnas.api.searchspace.SearchSpaceFactory.class, "teststub.SearchSpace",
            stub(io.avnas.api.searchspace.SearchSpaceFactory.class, "teststub.SearchSpace", "test-searchspace", ""))
        .write(jar);
  }

  /**
   * A modular estimator jar whose module {@code broken.plugin} requires a module that does not
   * exist ({@code missing.module}), so it cannot resolve as a module layer. The missing module is
   * compiled alongside and left out of the jar; the provider is registered both ways.
   *
   * @param id the estimator id of its factory
   */
  public static Path unresolvableModule(Path jar, String id) throws IOException {
    Path work = Files.createTempDirectory(jar.getParent(), "module-");
    Path src = work.resolve("src");
    Path classes = work.resolve("classes");
    String factory = stub(io.avnas.api.estimator.EstimatorFactory.class, "broken.Factory", id, "");
    Map<String, String> files = Map.of(
        "broken.plugin/module-info.java", "module broken.plugin {\n  requires io.avnas.api;\n  requires missing.module;\n"
            + "  provides io.avnas.api.estimator.EstimatorFactory with broken.Factory;\n}\n",
        "broken.plugin/broken/Factory.java", factory,
        "missing.module/module-info.java", "module missing.module {}\n");
    List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
        "--module-source-path", src.toString(), "--module-path", apiModulePath()));
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    int rc = ToolProvider.getSystemJavaCompiler().run(null, log, log, args.toArray(String[]::new));
    assertTrue(rc == 0, "the modular test plugin did not compile:\n" + log.toString(StandardCharsets.UTF_8));
    Path module = classes.resolve("broken.plugin");
    Builder builder = builder().resource("META-INF/services/" + io.avnas.api.estimator.EstimatorFactory.class.getName(), "broken.Factory\n");
    try (Stream<Path> walk = Files.walk(module)) {
      for (Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
        builder.binary(module.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return builder.write(jar);
  }

  /** platform-api and the automatic modules it requires, from the test class path. */
  private static String apiModulePath() {
    return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> entry.contains("platform-api") || entry.matches(".*[/\\\\]ai[/\\\\]djl[/\\\\]api[/\\\\].*")
            || entry.matches(".*[/\\\\]com[/\\\\]typesafe[/\\\\]config[/\\\\].*"))
        .collect(Collectors.joining(java.io.File.pathSeparator));
  }

  /** The example plugin's jar from the reactor build, or {@code null} when it was not built. */
  public static Path exampleJar() throws IOException {
    String dir = System.getProperty("test.avnas.example.dir");
    if (dir == null || !Files.isDirectory(Path.of(dir))) {
      return null;
    }
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      return files.filter(p -> p.getFileName().toString().matches("avnas-estimator-example-.*\\.jar")
          && !p.getFileName().toString().contains("-sources") && !p.getFileName().toString().contains("-tests"))
          .findFirst().orElse(null);
    }
  }
}
