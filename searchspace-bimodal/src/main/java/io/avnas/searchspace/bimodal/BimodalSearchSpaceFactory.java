package io.avnas.searchspace.bimodal;

import io.avnas.api.ConfigBlock;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.api.searchspace.SearchSpace;
import io.avnas.api.searchspace.SearchSpaceFactory;
import java.util.List;

/** The {@code bimodal} search space: BM-NAS's two-level layout (docs/search.md). */
public final class BimodalSearchSpaceFactory implements SearchSpaceFactory {
  @Override
  public String id() {
    return "bimodal";
  }

  @Override
  public String description() {
    return "BM-NAS two-level bimodal space: alpha picks features, beta/gamma pick fusion edges and ops";
  }

  @Override
  public void validate(ConfigBlock block) {
    BimodalConfig.from(block);
  }

  @Override
  public SearchSpace create(ConfigBlock block, List<FeatureSpec> features, Estimator estimator, int classes) {
    return new BimodalSearchSpace(features, BimodalConfig.from(block), estimator, classes);
  }
}
