/** Dataset providers (synthetic, FakeAVCeleb, SWAN-DF, manifest), decoding and the synthetic generator. */
module io.avnas.datasets.av {
  requires io.avnas.api;
  requires io.avnas.support;
  requires org.slf4j;
  // In-process decoding (package decode); the natives module is resolved at run time.
  requires org.bytedeco.ffmpeg;
  requires org.bytedeco.javacpp;

  provides io.avnas.api.data.DatasetProviderFactory with
      io.avnas.datasets.av.SyntheticDatasetFactory,
      io.avnas.datasets.av.fakeavceleb.FakeAvCelebFactory,
      io.avnas.datasets.av.swandf.SwanDfFactory,
      io.avnas.datasets.av.manifest.ManifestFactory;
}
