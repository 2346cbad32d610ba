package io.avnas.searchspace.bimodal;

import java.util.Locale;

/** The level-2 fusion ops, in gamma's column order. Names are the genotype.json contract. */
public enum FusionOp {
  ZERO,
  SUM,
  ATTENTION,
  LINEAR_GLU,
  CONCAT_FC;

  /** The name used in genotype.json, e.g. {@code linear_glu}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The op for a genotype.json name. */
  public static FusionOp fromJson(String name) {
    for (FusionOp op : values()) {
      if (op.jsonName().equals(name)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown fusion op \"" + name + "\"; allowed: zero, sum, attention, linear_glu, concat_fc");
  }
}
