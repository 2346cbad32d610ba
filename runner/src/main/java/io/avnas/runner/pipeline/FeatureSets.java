package io.avnas.runner.pipeline;

import ai.djl.ndarray.types.Shape;
import io.avnas.api.data.Split;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.runner.features.FeatureSet;
import io.avnas.runner.workspace.UserError;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The features stage's value: every split's features, none of them empty. */
record FeatureSets(Map<Split, FeatureSet> splits) {
  FeatureSets {
    splits = new EnumMap<>(splits);
    for (Split split : Split.values()) {
      if (!splits.containsKey(split) || splits.get(split).size() == 0) {
        throw new UserError("the dataset gives no " + split + " clips; check avnas.dataset.split");
      }
    }
  }

  FeatureSet get(Split split) {
    return splits.get(split);
  }

  /** The input shapes a network over these taps initialises with (batch 1). */
  Shape[] shapes() {
    return specs().stream().map(s -> new Shape(1, s.channels(), s.length())).toArray(Shape[]::new);
  }

  /** The taps the fusion cells read (the same in every split). */
  List<FeatureSpec> specs() {
    return splits.get(Split.TRAIN).specs();
  }
}
