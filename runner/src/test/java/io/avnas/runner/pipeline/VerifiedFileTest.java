package io.avnas.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a checkpoint file can be wrong is a {@link CorruptFile} that names the file and what is wrong. */
class VerifiedFileTest {
  @TempDir Path dir;

  private Path file;
  private byte[] good;
  private final byte[] body = new byte[4096];

  private Path written() throws IOException {
    new Random(3).nextBytes(body);
    file = dir.resolve("search-e3.ckpt");
    VerifiedFile.write(file, "search-checkpoint", out -> out.write(body));
    good = Files.readAllBytes(file);
    return file;
  }

  private String corruptWith(byte[] content) throws IOException {
    Files.write(file, content);
    CorruptFile e = assertThrows(CorruptFile.class, () -> VerifiedFile.read(file, "search-checkpoint"));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    return e.reason();
  }

  @Test
  void aGoodFileGivesItsBodyBack() throws IOException {
    assertArrayEquals(body, VerifiedFile.read(written(), "search-checkpoint"));
  }

  @Test
  void sixteenChangedBytesAreACorruptFileNotAnotherState() throws IOException {
    written();
    byte[] changed = good.clone();
    for (int i = 0; i < 16; i++) {
      changed[good.length - 2000 + i] ^= (byte) 0x5a;
    }
    assertEquals("is damaged or was modified (checksum mismatch)", corruptWith(changed));
  }

  @Test
  void truncatedEmptyAndExtendedFilesAreNamedAsSuch() throws IOException {
    written();
    assertTrue(corruptWith(Arrays.copyOf(good, good.length / 2)).startsWith("is truncated (its header promises 4096"));
    assertEquals("is truncated (0 bytes, shorter than any header)", corruptWith(new byte[0]));
    assertEquals("has 3 bytes more than its header promises", corruptWith(Arrays.copyOf(good, good.length + 3)));
  }

  @Test
  void anAbsurdLengthInTheHeaderIsCheckedBeforeAnythingIsAllocated() throws IOException {
    written();
    byte[] absurd = good.clone();
    // magic (8) + version (4) + kind ("search-checkpoint": 2 + 17) = offset 31 of the body length.
    ByteBuffer.wrap(absurd, 31, 8).putLong(Long.MAX_VALUE);
    assertTrue(corruptWith(absurd).startsWith("is truncated (its header promises " + Long.MAX_VALUE), "no OOM");
    byte[] kind = good.clone();
    ByteBuffer.wrap(kind, 12, 2).putShort((short) 0x7fff);
    assertTrue(corruptWith(kind).startsWith("has a corrupt header"));
  }

  @Test
  void foreignFilesOtherVersionsAndOtherKindsAreRefused() throws IOException {
    written();
    assertEquals("is not an avnas search-checkpoint file (wrong magic bytes)", corruptWith("hello, this is no checkpoint".getBytes()));
    byte[] version = good.clone();
    ByteBuffer.wrap(version, 8, 4).putInt(99);
    assertEquals("has format version 99; this avnas reads version 1", corruptWith(version));
    Files.write(file, good);
    CorruptFile other = assertThrows(CorruptFile.class, () -> VerifiedFile.read(file, "retrain-checkpoint"));
    assertEquals("holds a search-checkpoint, not a retrain-checkpoint", other.reason());
    CorruptFile missing = assertThrows(CorruptFile.class, () -> VerifiedFile.read(dir.resolve("nope.ckpt"), "x"));
    assertEquals("is missing", missing.reason());
  }
}
