package io.avnas.searchspace.bimodal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.google.gson.JsonObject;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.api.searchspace.Genotype;
import io.avnas.api.searchspace.SearchSpace;
import io.avnas.api.searchspace.StepKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The configured bimodal search space. */
final class BimodalSearchSpace implements SearchSpace {
  private final List<FeatureSpec> features;
  private final BimodalConfig config;
  private final Estimator estimator;
  private final int classes;
  private final Supernet supernet;

  BimodalSearchSpace(List<FeatureSpec> features, BimodalConfig config, Estimator estimator, int classes) {
    if (features.size() < 2) {
      throw new IllegalArgumentException("the bimodal search space needs at least 2 features, got " + features.size());
    }
    this.features = List.copyOf(features);
    this.config = config;
    this.estimator = estimator;
    this.classes = classes;
    this.supernet = new Supernet(features, config, estimator, classes);
  }

  @Override
  public Block supernet() {
    return supernet;
  }

  @Override
  public List<Parameter> architectureParameters() {
    return List.of(supernet.alpha, supernet.beta, supernet.gamma);
  }

  @Override
  public void setStepKind(StepKind kind) {
    supernet.setStepKind(kind);
  }

  @Override
  public void setTemperature(double tau) {
    supernet.setTemperature(tau);
  }

  @Override
  public double temperature() {
    return supernet.temperature();
  }

  @Override
  public Map<String, Double> entropies() {
    BimodalGenotype.Probabilities p = probabilities();
    Map<String, Double> entropy = new LinkedHashMap<>();
    entropy.put("alpha", GenotypeDeriver.meanEntropy(p.alpha()));
    entropy.put("beta", GenotypeDeriver.meanEntropy(p.beta().stream().flatMap(List::stream).toList()));
    entropy.put("gamma", GenotypeDeriver.meanEntropy(p.gamma().stream().flatMap(List::stream).toList()));
    return entropy;
  }

  @Override
  public Genotype derive() {
    return derive(null);
  }

  @Override
  public Genotype derive(long seed) {
    return derive(Long.valueOf(seed));
  }

  private Genotype derive(Long seed) {
    BimodalGenotype.Probabilities p = probabilities();
    List<BimodalGenotype.Cell> cells = GenotypeDeriver.derive(features.stream().map(FeatureSpec::name).toList(),
        features.stream().map(FeatureSpec::modality).toList(), config, p.alpha(), p.beta(), p.gamma());
    return new BimodalGenotype(features.stream().map(FeatureSpec::name).toList(), sizes(), cells, p, entropies(),
        estimatorJson(), seed);
  }

  private BimodalGenotype.Sizes sizes() {
    return new BimodalGenotype.Sizes(config.channels(), config.length(), config.steps(), config.multiplier(),
        config.nodeSteps(), config.nodeMultiplier());
  }

  private JsonObject estimatorJson() {
    EstimatorSettings s = estimator.settings();
    JsonObject o = new JsonObject();
    o.addProperty("id", s.id());
    o.addProperty("tau", s.tau());
    o.addProperty("tau_final", supernet.temperature());
    o.addProperty("forward", s.forward().name().toLowerCase(Locale.ROOT));
    s.options().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> o.add(e.getKey(), new com.google.gson.Gson().toJsonTree(e.getValue())));
    return o;
  }

  /** Host copies of softmax(alpha), softmax(beta), softmax(gamma), shaped for genotype.json. */
  private BimodalGenotype.Probabilities probabilities() {
    List<List<Double>> alpha = rows(supernet.alpha.getArray(), 2);
    List<List<Double>> betaRows = rows(supernet.beta.getArray(), 2);
    List<List<Double>> gammaRows = rows(supernet.gamma.getArray(), FusionOp.values().length);
    List<List<List<Double>>> beta = new ArrayList<>();
    List<List<List<Double>>> gamma = new ArrayList<>();
    for (int i = 0; i < config.steps(); i++) {
      beta.add(betaRows.subList(i * config.betaRows(), (i + 1) * config.betaRows()));
      gamma.add(gammaRows.subList(i * config.nodeSteps(), (i + 1) * config.nodeSteps()));
    }
    return new BimodalGenotype.Probabilities(alpha, beta, gamma);
  }

  private List<List<Double>> rows(NDArray logits, int columns) {
    float[] values;
    try (NDArray p = estimator.probabilities(logits.stopGradient())) {
      values = p.toFloatArray();
    }
    List<List<Double>> rows = new ArrayList<>();
    for (int r = 0; r < values.length / columns; r++) {
      List<Double> row = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        row.add((double) values[r * columns + c]);
      }
      rows.add(List.copyOf(row));
    }
    return rows;
  }

  @Override
  public Genotype parseGenotype(String json) {
    return BimodalGenotype.parse(json);
  }

  @Override
  public Block fixedNetwork(Genotype genotype) {
    if (!(genotype instanceof BimodalGenotype bimodal)) {
      return fixedNetwork(parseGenotype(genotype.toJson()));
    }
    return new FixedNetwork(features, bimodal, config.dropout(), classes);
  }
}
