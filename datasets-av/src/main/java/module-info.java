/** Dataset providers (synthetic, FakeAVCeleb, SWAN-DF, manifest), decoding, audio preprocessing, splits and augmentation. */
module io.avnas.datasets.av {
  requires io.avnas.api;

  provides io.avnas.api.data.DatasetProviderFactory with io.avnas.datasets.av.SyntheticDatasetFactory;
}
