package io.avnas.api.backbone;

import java.util.List;

/**
 * How a weights file fits a backbone, name by name, as PyTorch's strict {@code load_state_dict}
 * reports it: what loaded, what the backbone needs but the file lacks, what the file holds but the
 * backbone has no place for, and names whose shapes differ. Names are the file's own (for a
 * safetensors file, torchvision's state-dict names).
 *
 * @param loaded tensors that loaded, in the backbone's order
 * @param missing tensors the backbone needs that the file lacks, as {@code name shape}
 * @param unexpected tensors in the file that the backbone has no place for
 * @param mismatched tensors present on both sides with different shapes
 * @param ignored tensors in the file that are deliberately not loaded, as {@code name: why}
 * @param adapted tensors that loaded after an adaptation, as {@code name: what was done}
 */
public record WeightsCheck(List<String> loaded, List<String> missing, List<String> unexpected, List<Mismatch> mismatched,
    List<String> ignored, List<String> adapted) {

  /**
   * One tensor whose shape differs.
   *
   * @param name the tensor
   * @param expected the backbone's shape
   * @param found the file's shape
   */
  public record Mismatch(String name, String expected, String found) {
    @Override
    public String toString() {
      return name + ": the backbone needs " + expected + ", the file has " + found;
    }
  }

  public WeightsCheck {
    loaded = List.copyOf(loaded);
    missing = List.copyOf(missing);
    unexpected = List.copyOf(unexpected);
    mismatched = List.copyOf(mismatched);
    ignored = List.copyOf(ignored);
    adapted = List.copyOf(adapted);
  }

  /** Whether the file loads strictly: nothing missing, unexpected or of another shape. */
  public boolean ok() {
    return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
  }

  /** One line: the counts of each kind. */
  public String summary() {
    return loaded.size() + " loaded, " + missing.size() + " missing, " + unexpected.size() + " unexpected, "
        + mismatched.size() + " shape mismatches, " + ignored.size() + " ignored";
  }
}
