package io.avnas.datasets.av.synthetic;

/** The synthetic categories, named as in FakeAVCeleb plus lip-sync fakes. */
public enum Category {
  /** Real video, real audio, in sync. */
  A("A", false, false),
  /** Fake audio: spectral artefacts. */
  B("B", false, true),
  /** Fake video: visual artefacts. */
  C("C", true, false),
  /** Both fake. */
  D("D", true, true),
  /** Both streams clean, but the audio comes from another clip of the same person. */
  LIPSYNC("lipsync", false, false);

  private final String id;
  private final boolean fakeVideo;
  private final boolean fakeAudio;

  Category(String id, boolean fakeVideo, boolean fakeAudio) {
    this.id = id;
    this.fakeVideo = fakeVideo;
    this.fakeAudio = fakeAudio;
  }

  /** The {@code ClipInfo.category} and config name: A, B, C, D or lipsync. */
  public String id() {
    return id;
  }

  public boolean fakeVideo() {
    return fakeVideo;
  }

  public boolean fakeAudio() {
    return fakeAudio;
  }

  public boolean fake() {
    return this != A;
  }
}
