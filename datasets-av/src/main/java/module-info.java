/** Dataset providers (synthetic, FakeAVCeleb, SWAN-DF, manifest), decoding, audio preprocessing, splits and augmentation. */
module io.avnas.datasets.av {
  requires io.avnas.api;
}
