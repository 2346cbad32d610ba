package io.avnas.datasets.av.decode;

import io.avnas.api.data.Clip;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.ClipLoadException;
import io.avnas.api.data.DatasetProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the feature extractor does with a provider, reduced to counting: load every clip, skip and
 * count those that raise {@link ClipLoadException}. Lets provider tests assert the counts an
 * {@code extract} run would report.
 */
public record ExtractionSimulation(List<Clip> loaded, Map<String, String> skipped) {

  public static ExtractionSimulation run(DatasetProvider provider) {
    List<Clip> loaded = new ArrayList<>();
    Map<String, String> skipped = new TreeMap<>();
    for (ClipInfo info : provider.clips()) {
      try {
        loaded.add(provider.load(info));
      } catch (ClipLoadException e) {
        skipped.put(info.key(), e.getMessage());
      }
    }
    return new ExtractionSimulation(loaded, skipped);
  }
}
