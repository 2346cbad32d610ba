package io.avnas.datasets.av.decode;

import io.avnas.api.data.Clip;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.ClipLoadException;
import io.avnas.api.data.DatasetProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A dataset of media files listed up front: what the FakeAVCeleb, SWAN-DF and manifest providers
 * return. Listing is cheap; {@link #load} decodes one clip with {@link MediaDecoder} and may run on
 * several threads at once.
 */
public final class MediaClipProvider implements DatasetProvider {
  /** Bumped when decoding changes in a way that changes decoded clips, to invalidate caches. */
  private static final int DECODER_VERSION = 1;

  private final String id;
  private final List<MediaClip> clips;
  private final List<ClipInfo> infos;
  private final Map<String, MediaClip> byKey;
  private final DecodeOptions options;
  private final String description;
  private volatile String fingerprint;

  /**
   * @param id the provider id, part of the fingerprint
   * @param clips the clips in a stable order; keys must be unique
   * @param options how to decode
   * @param description what was read (roots, CSV, selected subsets), part of the fingerprint
   */
  public MediaClipProvider(String id, List<MediaClip> clips, DecodeOptions options, String description) {
    this.id = id;
    this.clips = List.copyOf(clips);
    this.infos = this.clips.stream().map(MediaClip::info).toList();
    this.options = options;
    this.description = description;
    this.byKey = new HashMap<>();
    for (MediaClip clip : this.clips) {
      if (byKey.put(clip.info().key(), clip) != null) {
        throw new IllegalArgumentException("two clips have the key " + clip.info().key());
      }
    }
  }

  @Override
  public List<ClipInfo> clips() {
    return infos;
  }

  /** The listed clips with their files. */
  public List<MediaClip> mediaClips() {
    return clips;
  }

  @Override
  public Clip load(ClipInfo clip) throws ClipLoadException {
    MediaClip media = byKey.get(clip.key());
    if (media == null) {
      throw new ClipLoadException(clip.source() + ": not a clip of this " + id + " dataset (key " + clip.key() + ")");
    }
    return MediaDecoder.load(media.info(), media.video(), media.audio(), options);
  }

  /**
   * A hash of the decode options, the listing (keys, labels, identities, preset splits) and every
   * file's path, size and modification time: it changes whenever a decoded clip may change.
   */
  @Override
  public String fingerprint() {
    String result = fingerprint;
    if (result == null) {
      result = computeFingerprint();
      fingerprint = result;
    }
    return result;
  }

  private String computeFingerprint() {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    update(digest, id + "|decoder=" + DECODER_VERSION + "|" + options.describe() + "|" + description);
    for (MediaClip clip : clips) {
      ClipInfo info = clip.info();
      update(digest, info.key() + "|" + info.label() + "|" + info.category() + "|" + info.fakeVideo() + "|" + info.fakeAudio()
          + "|" + info.identity() + "|" + info.presetSplit());
      update(digest, stamp(clip.video()));
      update(digest, clip.audio() == null ? "-" : stamp(clip.audio()));
    }
    return id + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  private static String stamp(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return file + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return file + "|missing";
    }
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
  }
}
