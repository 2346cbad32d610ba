package io.avnas.datasets.av;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.DatasetProviderFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SyntheticDatasetFactoryTest {

  static ConfigBlock dataset(String overrides) {
    Config config = ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseResourcesAnySyntax("reference.conf")).resolve();
    return new ConfigBlock("avnas.dataset", config.getConfig("avnas.dataset"));
  }

  @Test
  void discoveredAsSynthetic() {
    assertTrue(ServiceLoader.load(DatasetProviderFactory.class).stream()
        .anyMatch(p -> p.get().id().equals("synthetic")));
  }

  @Test
  void opensWithTheReferenceSettingsAndFingerprintsThem() {
    DatasetProviderFactory factory = new SyntheticDatasetFactory();
    ConfigBlock block = dataset("avnas.dataset.synthetic { clips = 50, identities = 5 }");
    factory.validate(block);
    try (DatasetProvider provider = factory.open(block, 42)) {
      assertEquals(50, provider.clips().size());
      assertEquals(provider.fingerprint(), factory.open(block, 42).fingerprint());
      assertTrue(!provider.fingerprint().equals(factory.open(block, 43).fingerprint()));
    }
  }

  @Test
  void badSettingsNameTheKey() {
    DatasetProviderFactory factory = new SyntheticDatasetFactory();
    assertEquals("avnas.dataset.synthetic.identities", assertThrows(InvalidConfigException.class,
        () -> factory.validate(dataset("avnas.dataset.synthetic { clips = 10, identities = 11 }"))).key());
    assertEquals("avnas.dataset.synthetic.mix", assertThrows(InvalidConfigException.class,
        () -> factory.validate(dataset("avnas.dataset.synthetic.mix { A = 0, B = 1, C = 0, D = 0, lipsync = 0 }"))).key());
    assertEquals("avnas.dataset.synthetic.difficulty", assertThrows(InvalidConfigException.class,
        () -> factory.validate(dataset("avnas.dataset.synthetic.difficulty = 1.5"))).key());
    assertEquals("avnas.dataset.split", assertThrows(InvalidConfigException.class,
        () -> factory.validate(dataset("avnas.dataset.split.train = 0.9"))).key());
    assertEquals("avnas.dataset.augment[0].op", assertThrows(InvalidConfigException.class,
        () -> factory.validate(dataset("avnas.dataset.augment = [{ op = cutout }]"))).key());
  }
}
