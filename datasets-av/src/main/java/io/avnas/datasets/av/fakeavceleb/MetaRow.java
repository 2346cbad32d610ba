package io.avnas.datasets.av.fakeavceleb;

/**
 * One data row of {@code meta_data.csv}, by position.
 *
 * @param line the 1-based line number, for messages
 * @param source the identity (the {@code id} folder the clip belongs to)
 * @param method real, rtvc, faceswap, faceswap-wav2lip, fsgan, fsgan-wav2lip or wav2lip
 * @param category A, B, C or D
 * @param type the category folder, e.g. {@code FakeVideo-RealAudio}
 * @param fileName the 9th field (named {@code path} in the header): the file name
 * @param directory the unnamed 10th field: the folder, e.g. {@code FakeAVCeleb/RealVideo-RealAudio/African/men/id00076}
 */
record MetaRow(int line, String source, String method, String category, String type, String fileName, String directory) {}
