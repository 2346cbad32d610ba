/**
 * Shared implementation that plugins and the runner use but that is not part of the plugin SPIs:
 * media preprocessing and augmentation ({@code io.avnas.support.media}, configured by {@code
 * avnas.preprocess} and {@code avnas.dataset.augment}) and the split and balancing helpers ({@code
 * io.avnas.support.data}). Its defaults are in this module's {@code reference.conf}.
 */
module io.avnas.support {
  requires transitive io.avnas.api;

  exports io.avnas.support.media;
  exports io.avnas.support.data;
}
