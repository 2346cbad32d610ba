package io.avnas.datasets.av.swandf;

import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Identity protocol files: {@code train.txt}, {@code dev.txt} and {@code test.txt} (required) and
 * {@code val.txt} (optional) in one folder, one identity per line; blank lines and lines starting
 * with {@code #} are ignored. Without {@code val.txt}, VAL is a seeded share of the train identities,
 * taken in whole swap pairs.
 */
final class Protocol {
  static final Map<Split, String> FILES = Map.of(Split.TRAIN, "train.txt", Split.DEV, "dev.txt", Split.VAL, "val.txt",
      Split.TEST, "test.txt");

  private final Map<String, Split> splitOf;

  private Protocol(Map<String, Split> splitOf) {
    this.splitOf = splitOf;
  }

  /** Checks that the required files exist; the message names the file that is missing. */
  static void check(Path dir, String key) {
    for (Split split : List.of(Split.TRAIN, Split.DEV, Split.TEST)) {
      Path file = dir.resolve(FILES.get(split));
      if (!Files.isRegularFile(file)) {
        throw new InvalidConfigException(key, "protocol file " + file + " does not exist; the folder needs train.txt, dev.txt and "
            + "test.txt (val.txt optional), one identity per line");
      }
    }
  }

  /**
   * Reads the protocol.
   *
   * @param valFraction the share of train identities that become VAL when there is no val.txt
   * @param seed chooses those identities reproducibly
   * @param links identities joined by a fake (source and target of a swap): they move to VAL together
   */
  static Protocol read(Path dir, String key, double valFraction, long seed, Map<String, Set<String>> links) {
    check(dir, key);
    Map<String, Split> splitOf = new LinkedHashMap<>();
    Map<Split, List<String>> bySplit = new EnumMap<>(Split.class);
    for (Split split : Split.values()) {
      Path file = dir.resolve(FILES.get(split));
      if (!Files.isRegularFile(file)) {
        continue;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the protocol file " + file, e);
      }
      for (String line : lines) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String identity = SwanIds.normalise(trimmed);
        Split previous = splitOf.putIfAbsent(identity, split);
        if (previous != null && previous != split) {
          throw new InvalidConfigException(key, "identity " + identity + " is in both " + FILES.get(previous) + " and "
              + FILES.get(split) + " under " + dir + "; splits must not share an identity");
        }
        bySplit.computeIfAbsent(split, s -> new ArrayList<>()).add(identity);
      }
    }
    if (!bySplit.containsKey(Split.VAL)) {
      for (String identity : valFromTrain(new TreeSet<>(bySplit.getOrDefault(Split.TRAIN, List.of())), links, valFraction, seed)) {
        splitOf.put(identity, Split.VAL);
      }
    }
    return new Protocol(splitOf);
  }

  /**
   * Train identities for VAL: groups of identities linked by fakes (a swap pair is one group), in
   * seeded order, until {@code fraction} of the train identities is reached; at least one group
   * moves when the fraction is positive, and at least one stays in TRAIN.
   */
  static Set<String> valFromTrain(Set<String> train, Map<String, Set<String>> links, double fraction, long seed) {
    List<Set<String>> groups = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String start : train) {
      if (!seen.add(start)) {
        continue;
      }
      Set<String> group = new TreeSet<>();
      Deque<String> queue = new ArrayDeque<>(List.of(start));
      while (!queue.isEmpty()) {
        String identity = queue.poll();
        group.add(identity);
        for (String linked : links.getOrDefault(identity, Set.of())) {
          if (train.contains(linked) && seen.add(linked)) {
            queue.add(linked);
          }
        }
      }
      groups.add(group);
    }
    Collections.shuffle(groups, new Random(seed));
    long wanted = Math.round(fraction * train.size());
    Set<String> val = new TreeSet<>();
    for (int g = 0; g < groups.size() - 1 && fraction > 0 && (val.isEmpty() || val.size() < wanted); g++) {
      val.addAll(groups.get(g));
    }
    return val;
  }

  /** The split of an identity, or {@code null} when no protocol file lists it. */
  Split splitOf(String identity) {
    return splitOf.get(identity);
  }
}
