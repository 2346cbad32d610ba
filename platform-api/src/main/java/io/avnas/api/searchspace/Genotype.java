package io.avnas.api.searchspace;

/** A discrete architecture. Serialised as JSON by its search space; it must round-trip exactly. */
public interface Genotype {

  /** The id of the search space that derived it. */
  String searchSpace();

  /** The genotype as JSON, including a format version. */
  String toJson();
}
