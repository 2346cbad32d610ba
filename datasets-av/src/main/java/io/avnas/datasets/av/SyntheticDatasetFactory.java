package io.avnas.datasets.av;

import io.avnas.api.ConfigBlock;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.DatasetProviderFactory;
import io.avnas.api.data.SplitRatios;
import io.avnas.datasets.av.synthetic.SyntheticDataset;
import io.avnas.datasets.av.synthetic.SyntheticSettings;
import io.avnas.support.data.Balancing;
import io.avnas.support.media.Augmentations;

/** {@code synthetic}: the embedded, seeded audio-visual dataset (no files needed). */
public final class SyntheticDatasetFactory implements DatasetProviderFactory {

  @Override
  public String id() {
    return "synthetic";
  }

  @Override
  public String description() {
    return "Synthetic talking faces with fake audio, fake video and lip-sync fakes, generated from the seed (no files)";
  }

  /** Checks {@code avnas.dataset.synthetic} and the shared split, balance and augment keys. */
  @Override
  public void validate(ConfigBlock block) {
    SyntheticSettings.from(block);
    SplitRatios.from(block);
    Balancing.mode(block);
    Augmentations.from(block);
  }

  @Override
  public DatasetProvider open(ConfigBlock block, long seed) {
    return new SyntheticDataset(SyntheticSettings.from(block), seed);
  }
}
