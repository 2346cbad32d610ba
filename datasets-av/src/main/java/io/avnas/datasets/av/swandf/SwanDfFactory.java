package io.avnas.datasets.av.swandf;

import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.DatasetProviderFactory;
import io.avnas.datasets.av.decode.ConfigFiles;
import io.avnas.datasets.av.decode.DecodeOptions;
import io.avnas.datasets.av.decode.ListingProblems;
import io.avnas.datasets.av.decode.MediaClip;
import io.avnas.datasets.av.decode.MediaClipProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code avnas.dataset.id = swan-df}: SWAN-DF fakes from {@code avnas.dataset.fakes-root} and
 * SWAN-Idiap reals from {@code avnas.dataset.reals-root}, split by the identity protocol files in
 * {@code avnas.dataset.protocol-dir} (or, when that is empty, by identity with
 * {@code avnas.dataset.split}).
 */
public final class SwanDfFactory implements DatasetProviderFactory {
  public static final String ID = "swan-df";

  static final String FAKES_ROOT = "fakes-root";
  static final String REALS_ROOT = "reals-root";
  static final String PROTOCOL_DIR = "protocol-dir";
  static final String RESOLUTIONS = "resolutions";
  static final String CONVERTED_AUDIO = "converted-audio";
  static final String VAL_FRACTION = "val-fraction";

  private static final Logger LOG = LoggerFactory.getLogger(SwanDfFactory.class);
  private static final Pattern RESOLUTION = Pattern.compile("\\d+x\\d+");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "SWAN-DF fakes + SWAN-Idiap reals (avnas.dataset.fakes-root, reals-root, protocol-dir)";
  }

  @Override
  public void validate(ConfigBlock block) {
    settings(block);
  }

  @Override
  public DatasetProvider open(ConfigBlock block, long seed) {
    Settings settings = settings(block);
    ListingProblems problems = new ListingProblems();
    List<SwanDfIndex.Listed> listed = new ArrayList<>(
        SwanDfIndex.fakes(settings.videos(), settings.audios(), settings.resolutions(), settings.convertedAudio(), problems));
    int fakes = listed.size();
    if (fakes == 0) {
      throw new InvalidConfigException(block.key(FAKES_ROOT), "no fake mp4 found under " + settings.videos() + "/<res>/<SRC>/"
          + (settings.resolutions().isEmpty() ? "" : " for the resolutions " + settings.resolutions()));
    }
    listed.addAll(SwanDfIndex.reals(settings.sessions(), problems));
    if (listed.size() == fakes) {
      throw new InvalidConfigException(block.key(REALS_ROOT), "no speech (bio 2) mp4 found under " + settings.sessions()
          + "/session_XX/<device>/<ID>/");
    }
    Map<String, Set<String>> links = new HashMap<>();
    for (SwanDfIndex.Listed item : listed) {
      if (item.target() != null) {
        links.computeIfAbsent(item.clip().info().identity(), k -> new HashSet<>()).add(item.target());
        links.computeIfAbsent(item.target(), k -> new HashSet<>()).add(item.clip().info().identity());
      }
    }
    Protocol protocol = settings.protocolDir() == null ? null
        : Protocol.read(settings.protocolDir(), block.key(PROTOCOL_DIR), settings.valFraction(), seed, links);
    List<MediaClip> clips = SwanDfIndex.assignSplits(listed, protocol, problems);
    problems.log(LOG, ID);
    if (clips.isEmpty()) {
      throw new InvalidConfigException(block.key(PROTOCOL_DIR), "no identity of the listed clips is in the protocol files under "
          + settings.protocolDir());
    }
    Map<String, Integer> counts = new TreeMap<>();
    clips.forEach(c -> counts.merge(c.info().category(), 1, Integer::sum));
    LOG.info("{}: {} clips {} from {} and {}", ID, clips.size(), counts, settings.videos(), settings.sessions());
    return new MediaClipProvider(ID, clips, settings.decode(), settings.toString());
  }

  /** Everything the provider reads, checked. */
  record Settings(Path videos, Path audios, Path sessions, Path protocolDir, List<String> resolutions, boolean convertedAudio,
      double valFraction, DecodeOptions decode) {}

  static Settings settings(ConfigBlock block) {
    Path fakesRoot = ConfigFiles.directory(block, FAKES_ROOT, "the SWAN-DF folder (holding videos/<res>/<SRC>/)");
    Path videos = SwanDfIndex.videosFolder(fakesRoot);
    if (videos == null) {
      throw new InvalidConfigException(block.key(FAKES_ROOT), "no videos/ folder in " + fakesRoot
          + " (looked for " + fakesRoot.resolve("videos") + "); set it to the SWAN-DF folder");
    }
    Path audiosFolder = videos.getParent() == null ? null : videos.getParent().resolve("audios").resolve("wav");
    Path audios = audiosFolder != null && Files.isDirectory(audiosFolder) ? audiosFolder : null;
    boolean convertedAudio = block.getBoolean(CONVERTED_AUDIO);
    if (convertedAudio && audios == null) {
      throw new InvalidConfigException(block.key(CONVERTED_AUDIO), "is true, but " + audiosFolder
          + " does not exist; set it to false or add the converted voices");
    }
    Path realsRoot = ConfigFiles.directory(block, REALS_ROOT, "the SWAN-Idiap folder (holding session_XX/)");
    Path sessions = SwanDfIndex.sessionsFolder(realsRoot);
    if (sessions == null) {
      throw new InvalidConfigException(block.key(REALS_ROOT), "no session_XX folder in " + realsRoot + " or "
          + realsRoot.resolve("IDIAP") + "; set it to the SWAN-Idiap folder");
    }
    Path protocolDir = null;
    if (ConfigFiles.isSet(block, PROTOCOL_DIR)) {
      protocolDir = ConfigFiles.directory(block, PROTOCOL_DIR, "a folder with train.txt, dev.txt and test.txt, or \"\"");
      Protocol.check(protocolDir, block.key(PROTOCOL_DIR));
    }
    List<String> resolutions = block.getStringList(RESOLUTIONS);
    for (String resolution : resolutions) {
      if (!RESOLUTION.matcher(resolution).matches()) {
        throw InvalidConfigException.of(block.key(RESOLUTIONS), resolution, "resolution folder names such as 256x256");
      }
      if (!Files.isDirectory(videos.resolve(resolution))) {
        throw new InvalidConfigException(block.key(RESOLUTIONS), "folder " + videos.resolve(resolution) + " does not exist");
      }
    }
    double valFraction = block.getDouble(VAL_FRACTION, 0, 0.9);
    return new Settings(videos, audios, sessions, protocolDir, resolutions, convertedAudio, valFraction, DecodeOptions.from(block));
  }
}
