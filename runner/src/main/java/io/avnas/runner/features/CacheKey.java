package io.avnas.runner.features;

import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Everything the cached features of one split depend on. Two keys are equal exactly when the
 * features would be recomputed identically; {@link #hash()} names the cache file.
 *
 * @param providerId the dataset provider's id
 * @param providerFingerprint changes when the provider's clips may have changed
 * @param split the split
 * @param clips the split's clip list, in row order
 * @param visual the visual backbone: id, config block and weights fingerprint
 * @param audio the audio backbone, likewise
 * @param preprocessing the preprocessing spec, rendered
 * @param length L
 * @param keepMaps whether the full maps are kept as well
 */
public record CacheKey(
    String providerId,
    String providerFingerprint,
    Split split,
    List<String> clips,
    String visual,
    String audio,
    String preprocessing,
    int length,
    boolean keepMaps) {

  public CacheKey {
    clips = List.copyOf(clips);
  }

  /** The clip keys of a split, the part of the key that names the samples. */
  public static List<String> keysOf(List<ClipInfo> clips) {
    return clips.stream().map(ClipInfo::key).toList();
  }

  /** SHA-256 (hex) of every component and of the cache format version. */
  public String hash() {
    List<String> parts = new ArrayList<>();
    parts.add("format=" + FeatureCache.FORMAT_VERSION);
    parts.add(providerId);
    parts.add(providerFingerprint);
    parts.add(split.name());
    parts.add(Integer.toString(clips.size()));
    parts.addAll(clips);
    parts.add(visual);
    parts.add(audio);
    parts.add(preprocessing);
    parts.add("L=" + length);
    parts.add("keepMaps=" + keepMaps);
    return sha256(parts);
  }

  /**
   * SHA-256 (hex) of the parts in order, each length-prefixed, so ("ab", "c") and ("a", "bc") hash
   * differently. Also the weights cache's key ({@link PretrainedWeights}).
   */
  static String sha256(List<String> parts) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update(HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array()).getBytes(StandardCharsets.US_ASCII));
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The cache file's base name: the split and the start of the hash. */
  public String fileStem() {
    return split.name().toLowerCase(Locale.ROOT) + "-" + hash().substring(0, 24);
  }
}
