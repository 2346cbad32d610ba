package io.avnas.datasets.av.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.Clip;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.Split;
import io.avnas.datasets.av.decode.ExtractionSimulation;
import io.avnas.datasets.av.decode.MediaFixtures;
import io.avnas.datasets.av.decode.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestProviderTest {
  @TempDir static Path dir;
  static Path absoluteVideo;

  @BeforeAll
  static void media() {
    MediaFixtures.Tone tone = new MediaFixtures.Tone(44_100, 1, 0.5, 500);
    MediaFixtures.writeMp4(dir.resolve("data/real/p1.mp4"), MediaFixtures.Video.solid(32, 32, 8, 4, new int[] {50, 100, 150}), tone);
    MediaFixtures.writeMp4(dir.resolve("data/fake/p2.mp4"), MediaFixtures.Video.solid(32, 32, 8, 4, new int[] {150, 100, 50}), tone);
    MediaFixtures.writeWav(dir.resolve("data/fake/p2-voice.wav"), new MediaFixtures.Tone(16_000, 1, 0.5, 900));
    absoluteVideo = MediaFixtures.writeMp4(dir.resolve("elsewhere/p3.mp4"), MediaFixtures.Video.solid(32, 32, 8, 4, new int[] {90, 90, 90}), tone);
  }

  private static DatasetProvider open(String name, String content) throws IOException {
    Path csv = Files.writeString(dir.resolve(name), content);
    ConfigBlock block = TestConfig.dataset(Map.of("csv", csv.toString(), "frames", 2));
    ManifestFactory factory = new ManifestFactory();
    factory.validate(block);
    return factory.open(block, 1);
  }

  @Test
  void readsRelativeAndAbsolutePathsLabelsAndSplits() throws Exception {
    DatasetProvider provider = open("ok.csv", "identity,path,label,category,split,audio\n"
        + "p1,data/real/p1.mp4,real,A,train,\n"
        + "p2,data/fake/p2.mp4,1,D,test,data/fake/p2-voice.wav\n"
        + "p3,\"" + absoluteVideo + "\",0,A,dev,\n"
        + "p2,data/fake/missing.mp4,fake,lipsync,test,\n");
    List<ClipInfo> clips = provider.clips();
    assertEquals(4, clips.size());
    assertEquals(List.of(Split.TRAIN, Split.TEST, Split.DEV, Split.TEST), clips.stream().map(ClipInfo::presetSplit).toList());
    assertEquals(List.of(false, true, false, true), clips.stream().map(ClipInfo::fake).toList());
    ClipInfo d = clips.get(1);
    assertTrue(d.fakeVideo() && d.fakeAudio());
    ClipInfo lipsync = clips.get(3);
    assertTrue(lipsync.fakeVideo() && lipsync.fakeAudio(), "a category outside A-D takes both flags from the label");
    ExtractionSimulation run = ExtractionSimulation.run(provider);
    assertEquals(List.of("data/fake/missing.mp4"), List.copyOf(run.skipped().keySet()));
    assertTrue(run.skipped().get("data/fake/missing.mp4").contains("does not exist"));
    Clip withVoice = run.loaded().get(1);
    assertEquals(900, MediaFixtures.dominantFrequency(withVoice.waveform(), 16_000, 100, 3000), 4, "audio from the audio column");
  }

  @Test
  void withoutASplitColumnNothingIsPreset() throws Exception {
    DatasetProvider provider = open("nosplit.csv", "path,label,category,identity\r\ndata/real/p1.mp4,real,A,p1\r\n");
    assertNull(provider.clips().get(0).presetSplit());
  }

  @Test
  void malformedRowsFailNamingTheLine() {
    assertError("h.csv", "path,label,categry,identity\n", "line 1", "categry");
    assertError("h2.csv", "path,label,identity\n", "line 1", "lacks the column category");
    assertError("l.csv", "path,label,category,identity\ndata/real/p1.mp4,real,A,p1\ndata/fake/p2.mp4,maybe,C,p2\n", "line 3", "\"maybe\"");
    assertError("n.csv", "path,label,category,identity\n\ndata/real/p1.mp4,real,A\n", "line 3", "3 fields");
    assertError("e.csv", "path,label,category,identity\ndata/real/p1.mp4,real,A,\n", "line 2", "identity is empty");
    assertError("c.csv", "path,label,category,identity\ndata/real/p1.mp4,fake,A,p1\n", "line 2", "category A is real");
    assertError("s.csv", "path,label,category,identity,split\ndata/real/p1.mp4,real,A,p1,training\n", "line 2", "\"training\"");
    assertError("m.csv", "path,label,category,identity,split\ndata/real/p1.mp4,real,A,p1,train\ndata/fake/p2.mp4,fake,C,p2,\n",
        "line 3", "give every row a split or none");
    assertError("i.csv", "path,label,category,identity,split\ndata/real/p1.mp4,real,A,p1,train\ndata/fake/p2.mp4,fake,C,p1,test\n",
        "line 3", "identity p1 is in test, but line 2 puts it in train");
    assertError("d.csv", "path,label,category,identity\ndata/real/p1.mp4,real,A,p1\ndata/real/p1.mp4,real,A,p1\n", "line 3", "first on line 2");
  }

  @Test
  void aMissingCsvFailsNamingThePath() {
    Path missing = dir.resolve("nope.csv");
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> new ManifestFactory().validate(TestConfig.dataset(Map.of("csv", missing.toString()))));
    assertEquals("avnas.dataset.csv", e.key());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  private static void assertError(String name, String content, String line, String reason) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> open(name, content));
    assertEquals("avnas.dataset.csv", e.key());
    assertTrue(e.getMessage().contains(name + " " + line + ":"), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
