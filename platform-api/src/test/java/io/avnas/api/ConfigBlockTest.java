package io.avnas.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checked getters every plugin validates with: each message names key, value and what is allowed. */
class ConfigBlockTest {
  private static ConfigBlock block(String hocon) {
    return new ConfigBlock("avnas.x", ConfigFactory.parseString(hocon));
  }

  private static String message(Runnable read) {
    return assertThrows(InvalidConfigException.class, read::run).getMessage();
  }

  @Test
  void getIntReadsIntegersInRange() {
    assertEquals(7, block("n = 7").getInt("n", 1, 10));
    assertEquals(3, block("n = 3.0").getInt("n", 1, 10), "a whole number written with a point is an integer");
  }

  @Test
  void getIntRejectsFractionsRangesAndTypes() {
    assertEquals("avnas.x.n: value 3.5 is not allowed; allowed: an integer in [1, 10]", message(() -> block("n = 3.5").getInt("n", 1, 10)));
    assertEquals("avnas.x.n: value 0 is not allowed; allowed: an integer in [1, 10]", message(() -> block("n = 0").getInt("n", 1, 10)));
    assertEquals("avnas.x.n: value 1000000000000 is not allowed; allowed: an integer in [0, 2147483647]",
        message(() -> block("n = 1e12").getInt("n", 0, Integer.MAX_VALUE)));
    assertEquals("avnas.x.n: value \"many\" is not allowed; allowed: an integer in [1, 10]", message(() -> block("n = many").getInt("n", 1, 10)));
    assertEquals("avnas.x.n: is missing; it must be an integer in [1, 10]", message(() -> block("m = 1").getInt("n", 1, 10)));
  }

  @Test
  void getDoubleRejectsOutOfRangeAndShowsUnboundedEnds() {
    assertEquals(0.5, block("t = 0.5").getDouble("t", 0, 1));
    assertEquals("avnas.x.t: value 1.5 is not allowed; allowed: a number in [0, 1]", message(() -> block("t = 1.5").getDouble("t", 0, 1)));
    assertEquals("avnas.x.t: value -1.0 is not allowed; allowed: a number greater than 0.0",
        message(() -> block("t = -1").getPositiveDouble("t", 0)));
  }

  @Test
  void choicesAndEnumsListWhatIsAllowed() {
    assertEquals("hard", block("f = HARD").getChoice("f", List.of("hard", "soft")));
    assertEquals("avnas.x.f: value \"medium\" is not allowed; allowed: one of hard, soft",
        message(() -> block("f = medium").getChoice("f", List.of("hard", "soft"))));
  }
}
