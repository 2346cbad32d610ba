/** The two-level BM-NAS search space, genotype derivation and the fixed-network builder. */
module io.avnas.searchspace.bimodal {
  requires io.avnas.api;
  requires io.avnas.support;
  requires com.google.gson;

  provides io.avnas.api.searchspace.SearchSpaceFactory with io.avnas.searchspace.bimodal.BimodalSearchSpaceFactory;
}
