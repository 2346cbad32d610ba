package io.avnas.support.media.internal;

import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.Clip;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * One augmentation: applied with probability {@code p}, drawing its parameters from the clip's
 * random stream. Every op returns a new {@link Clip} and never changes its input.
 *
 * @param name the op's config name, e.g. {@code hflip}
 * @param p probability of applying it
 * @param parameters its numeric parameters (for the description and the cache key)
 * @param body what it does
 */
public record AugmentOp(String name, double p, Map<String, Double> parameters, Body body) {

  /** What an op does to a clip, given its parameters and a random stream. */
  @FunctionalInterface
  public interface Body {
    Clip apply(Clip clip, Map<String, Double> parameters, SplittableRandom random);
  }

  /** Applies the op with probability {@code p} (one draw decides; the op's own parameters come after it). */
  public Clip maybeApply(Clip clip, SplittableRandom random) {
    return random.nextDouble() < p ? body.apply(clip, parameters, random) : clip;
  }

  /** e.g. {@code gain(p=1, min-db=-6, max-db=6)}. */
  public String describe() {
    StringBuilder sb = new StringBuilder(name).append("(p=").append(fmt(p));
    parameters.forEach((k, v) -> sb.append(", ").append(k).append('=').append(fmt(v)));
    return sb.append(')').toString();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

  /**
   * Parses one element of {@code avnas.dataset.augment}: {@code { op = NAME, p = .., params.. }}.
   * Unknown ops and unknown or out-of-range parameters fail, naming the element's key.
   */
  public static AugmentOp parse(ConfigBlock element) {
    String name = element.getString("op").trim().toLowerCase(Locale.ROOT);
    Spec spec = AugmentBodies.SPECS.get(name);
    if (spec == null) {
      throw InvalidConfigException.of(element.key("op"), name, "one of " + String.join(", ", AugmentBodies.SPECS.keySet()));
    }
    Set<String> allowed = new TreeSet<>(spec.defaults().keySet());
    allowed.add("op");
    allowed.add("p");
    for (String key : element.config().root().keySet()) {
      if (!allowed.contains(key)) {
        throw new InvalidConfigException(element.key(key), "is not a parameter of " + name + "; allowed: " + String.join(", ", allowed));
      }
    }
    double p = element.has("p") ? element.getDouble("p", 0, 1) : spec.defaultP();
    Map<String, Double> parameters = new LinkedHashMap<>();
    spec.defaults().forEach((key, fallback) -> {
      double[] range = spec.ranges().get(key);
      parameters.put(key, element.has(key) ? element.getDouble(key, range[0], range[1]) : fallback);
    });
    spec.check().accept(element, parameters);
    return new AugmentOp(name, p, Collections.unmodifiableMap(parameters), spec.body());
  }

  /** How an op is configured: default probability, parameter defaults and ranges, a cross-check, the body. */
  record Spec(double defaultP, Map<String, Double> defaults, Map<String, double[]> ranges, Check check, Body body) {}

  /** A check across parameters, e.g. min <= max. */
  @FunctionalInterface
  interface Check {
    void accept(ConfigBlock element, Map<String, Double> parameters);
  }

  /** Checks that {@code min <= max} for a pair of parameters. */
  static Check ordered(String min, String max) {
    return (element, parameters) -> {
      if (parameters.get(min) > parameters.get(max)) {
        throw InvalidConfigException.of(element.key(min), parameters.get(min), "a value <= " + max + " (" + parameters.get(max) + ")");
      }
    };
  }

  static final Check NO_CHECK = (element, parameters) -> { };
}
