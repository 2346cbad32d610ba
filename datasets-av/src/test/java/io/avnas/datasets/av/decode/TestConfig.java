package io.avnas.datasets.av.decode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import java.util.Map;

/** The {@code avnas.dataset} block as the runner would pass it: the given values over this module's reference.conf. */
public final class TestConfig {
  private TestConfig() {}

  public static ConfigBlock dataset(Map<String, ?> values) {
    Config reference = ConfigFactory.parseResourcesAnySyntax(TestConfig.class.getClassLoader(), "reference").resolve();
    Config block = ConfigFactory.parseMap(values, "test").withFallback(reference.getConfig("avnas.dataset"));
    return new ConfigBlock("avnas.dataset", block);
  }
}
