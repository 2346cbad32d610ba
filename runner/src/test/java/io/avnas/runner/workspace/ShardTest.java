package io.avnas.runner.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {

  @Test
  void everyRunBelongsToExactlyOneShardForEveryShardCount() {
    List<Integer> runs = IntStream.range(0, 27).boxed().toList();
    for (int n = 1; n <= 30; n++) {
      Map<Integer, Integer> owners = new HashMap<>();
      for (int i = 0; i < n; i++) {
        for (int run : new Shard(i, n).slice(runs)) {
          Integer previous = owners.put(run, i);
          assertEquals(null, previous, "run " + run + " is in shards " + previous + " and " + i + " of " + n);
        }
      }
      assertEquals(27, owners.size(), "with n = " + n + " some runs belong to no shard");
    }
  }

  @Test
  void slicingIsDeterministicRoundRobinInPlanOrder() {
    List<String> runs = List.of("a", "b", "c", "d", "e", "f", "g");
    assertEquals(List.of("b", "e"), new Shard(1, 3).slice(runs));
    assertEquals(new Shard(1, 3).slice(runs), Shard.parse("1/3").slice(new ArrayList<>(runs)));
    assertEquals(runs, Shard.ALL.slice(runs));
    // More shards than runs: the surplus shards are empty, not an error (a fixed-size array job).
    assertEquals(List.of(), new Shard(9, 10).slice(runs));
  }

  @Test
  void parsesIAndNWithSpaces() {
    assertEquals(new Shard(2, 4), Shard.parse(" 2 / 4 "));
  }

  @Test
  void rejectsBadShardsWithAMessageNamingTheRule() {
    UserError tooLarge = assertThrows(UserError.class, () -> Shard.parse("3/3"));
    assertTrue(tooLarge.getMessage().contains("0-based") && tooLarge.getMessage().contains("0 <= i < n"), tooLarge.getMessage());
    UserError zero = assertThrows(UserError.class, () -> Shard.parse("0/0"));
    assertTrue(zero.getMessage().contains("at least 1"), zero.getMessage());
    UserError form = assertThrows(UserError.class, () -> Shard.parse("1-of-3"));
    assertTrue(form.getMessage().contains("expected i/n"), form.getMessage());
    assertThrows(UserError.class, () -> Shard.parse("-1/3"));
    assertThrows(UserError.class, () -> Shard.parse("99999999999/3"));
  }
}
