/**
 * Shared implementation that plugins and the runner use but that is not part of the plugin SPIs:
 * media preprocessing and augmentation ({@code io.avnas.support.media}, configured by {@code
 * avnas.preprocess} and {@code avnas.dataset.augment}), the split and balancing helpers ({@code
 * io.avnas.support.data}), the noise and straight-through helpers and shared option readers of
 * estimators ({@code io.avnas.support.estimator}), autograd-safe scalars ({@code
 * io.avnas.support.tensor}) and a plugin's own {@code reference.conf} ({@code
 * io.avnas.support.config}). Its defaults are in this module's {@code reference.conf}.
 */
module io.avnas.support {
  requires transitive io.avnas.api;

  exports io.avnas.support.config;
  exports io.avnas.support.data;
  exports io.avnas.support.estimator;
  exports io.avnas.support.media;
  exports io.avnas.support.tensor;
}
