package io.avnas.runner.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code avnas.evaluate} block.
 *
 * @param cross the cross-dataset blocks (paper Table 3), each named {@code avnas.evaluate.cross[i]}
 *     and shaped like {@code avnas.dataset}; the keys an entry leaves out take the run's
 *     {@code avnas.dataset} values when it is evaluated
 */
public record EvaluateSettings(List<ConfigBlock> cross) {
  public static final String CROSS = "avnas.evaluate.cross";

  public EvaluateSettings {
    cross = List.copyOf(cross);
  }

  /** Reads the cross entries; each must be an object with a non-blank {@code id}. */
  public static EvaluateSettings from(Config config) {
    List<? extends Config> entries;
    try {
      entries = config.getConfigList(CROSS);
    } catch (ConfigException.WrongType e) {
      throw new InvalidConfigException(CROSS,
          "must be a list of dataset blocks, e.g. [ { id = swan-df, root = /data/swan-df } ]");
    }
    List<ConfigBlock> cross = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      ConfigBlock entry = new ConfigBlock(CROSS + "[" + i + "]", entries.get(i));
      if (!entry.has("id") || entry.getString("id").isBlank()) {
        throw new InvalidConfigException(entry.key("id"), "is not set; every cross-dataset block names its dataset"
            + " provider by id, e.g. { id = swan-df, root = /data/swan-df }");
      }
      cross.add(entry);
    }
    return new EvaluateSettings(cross);
  }
}
