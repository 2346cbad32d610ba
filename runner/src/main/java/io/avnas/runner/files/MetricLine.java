package io.avnas.runner.files;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * One line of a run folder's {@code metrics.jsonl} (format {@value #FORMAT}): the stage ({@code
 * search} or {@code retrain}), its 1-based epoch, and what that epoch measured, in the order the
 * stage wrote it. The run writes lines through {@link #toJson}, and the run, the report and {@code
 * compare} read them through {@link #parse}, so the layout lives here.
 *
 * @param stage the stage that wrote the line
 * @param epoch the 1-based epoch
 * @param values the epoch's measurements ({@code train_loss}, {@code entropy}, ...), without
 *     {@code format}, {@code stage} and {@code epoch}
 */
public record MetricLine(String stage, int epoch, JsonObject values) {
  /** The format this class writes; bumped when a field changes meaning. */
  public static final int FORMAT = 1;

  public MetricLine {
    values = values.deepCopy();
  }

  /** A line of {@code stage} whose values {@code fill} adds in order. */
  public static MetricLine of(String stage, int epoch, Consumer<JsonObject> fill) {
    JsonObject values = new JsonObject();
    fill.accept(values);
    return new MetricLine(stage, epoch, values);
  }

  /**
   * Parses one line, or empty when it is not a metrics line (no stage or epoch; a line without
   * {@code format} is one written before the format had a number, and reads the same).
   */
  public static Optional<MetricLine> parse(String line) {
    JsonObject o;
    try {
      o = Json.parse(line);
    } catch (JsonParseException | IllegalStateException e) {
      return Optional.empty();
    }
    Optional<String> stage = Json.string(o, "stage");
    OptionalDouble epoch = Json.number(o, "epoch");
    if (stage.isEmpty() || epoch.isEmpty()) {
      return Optional.empty();
    }
    JsonObject values = new JsonObject();
    for (var e : o.entrySet()) {
      if (!e.getKey().equals("format") && !e.getKey().equals("stage") && !e.getKey().equals("epoch")) {
        values.add(e.getKey(), e.getValue());
      }
    }
    return Optional.of(new MetricLine(stage.get(), (int) epoch.getAsDouble(), values));
  }

  /** The line as written: {@code format}, {@code stage}, {@code epoch}, then the values. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("format", FORMAT);
    o.addProperty("stage", stage);
    o.addProperty("epoch", epoch);
    values.entrySet().forEach(e -> o.add(e.getKey(), e.getValue().deepCopy()));
    return o;
  }

  /** The compact one-line text metrics.jsonl holds. */
  public String text() {
    return Json.COMPACT.toJson(toJson());
  }

  /** A number among the values by dotted path ({@code entropy.alpha}), if present and numeric. */
  public OptionalDouble number(String path) {
    return Json.number(values, path);
  }

  /** A value by name, if present. */
  public Optional<JsonElement> value(String name) {
    return Optional.ofNullable(values.get(name));
  }
}
