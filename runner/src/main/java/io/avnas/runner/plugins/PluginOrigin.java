package io.avnas.runner.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Where a plugin's code came from, as {@code provenance.json} records it, so a run can be traced to
 * the exact jar that supplied its estimator (or any other plugin).
 *
 * @param block the config block that selected it, e.g. {@code avnas.estimator}
 * @param kind the plugin kind's label, e.g. {@code estimator}
 * @param id the plugin id
 * @param version the module version, else the jar manifest's Implementation-Version, else the
 *     version in the jar's Maven {@code pom.properties}; {@code null} if none of them is there
 * @param module the module name, or {@code null} for a class-path plugin
 * @param path the jar (or classes folder) the factory class was loaded from, or {@code null}
 * @param sha256 the SHA-256 of that jar, lower-case hex; {@code null} for a folder
 */
public record PluginOrigin(String block, String kind, String id, String version, String module, String path, String sha256) {

  /** The origin of a plugin's class (its factory, or a component it made): module, jar and checksum. */
  public static PluginOrigin of(String block, PluginKind kind, String id, Class<?> factoryClass) {
    Module module = factoryClass.getModule();
    Path location = location(factoryClass);
    String version = module.getDescriptor() == null ? null : module.getDescriptor().rawVersion().orElse(null);
    if (version == null && factoryClass.getPackage() != null) {
      version = factoryClass.getPackage().getImplementationVersion();
    }
    boolean jar = location != null && Files.isRegularFile(location);
    if (version == null && jar) {
      version = mavenVersion(location);
    }
    return new PluginOrigin(block, kind.label(), id, version, module.isNamed() ? module.getName() : null,
        location == null ? null : location.toString(), jar ? sha256(location) : null);
  }

  private static Path location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The version of the first {@code META-INF/maven/.../pom.properties} in the jar (Maven writes one per jar). */
  private static String mavenVersion(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
          Properties properties = new Properties();
          try (InputStream in = file.getInputStream(entry)) {
            properties.load(in);
          }
          return properties.getProperty("version");
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The SHA-256 of a file (a plugin jar, a weights file), lower-case hex, or {@code null} if it cannot be read. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
