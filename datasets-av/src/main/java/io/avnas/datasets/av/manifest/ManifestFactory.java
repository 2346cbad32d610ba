package io.avnas.datasets.av.manifest;

import io.avnas.api.ConfigBlock;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.DatasetProviderFactory;
import io.avnas.datasets.av.decode.ConfigFiles;
import io.avnas.datasets.av.decode.DecodeOptions;
import io.avnas.datasets.av.decode.ListingProblems;
import io.avnas.datasets.av.decode.MediaClip;
import io.avnas.datasets.av.decode.MediaClipProvider;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code avnas.dataset.id = manifest}: the clips listed in the CSV {@code avnas.dataset.csv}. */
public final class ManifestFactory implements DatasetProviderFactory {
  public static final String ID = "manifest";

  static final String CSV = "csv";

  private static final Logger LOG = LoggerFactory.getLogger(ManifestFactory.class);
  private static final String WHAT = "a CSV with the header path,label,category,identity[,split]";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "any dataset listed in a CSV: path,label,category,identity[,split] (avnas.dataset.csv)";
  }

  @Override
  public void validate(ConfigBlock block) {
    read(block, new ListingProblems());
    DecodeOptions.from(block);
  }

  @Override
  public DatasetProvider open(ConfigBlock block, long seed) {
    ListingProblems problems = new ListingProblems();
    List<MediaClip> clips = read(block, problems);
    problems.log(LOG, ID);
    Path csv = ConfigFiles.file(block, CSV, WHAT);
    LOG.info("{}: {} clips from {}", ID, clips.size(), csv);
    return new MediaClipProvider(ID, clips, DecodeOptions.from(block), "csv=" + csv);
  }

  private static List<MediaClip> read(ConfigBlock block, ListingProblems problems) {
    Path csv = ConfigFiles.file(block, CSV, WHAT);
    return ManifestCsv.read(csv, block.key(CSV), problems);
  }
}
