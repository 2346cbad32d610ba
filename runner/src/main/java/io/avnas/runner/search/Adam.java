package io.avnas.runner.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.avnas.runner.config.AdamSettings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (PyTorch semantics: L2 weight decay added to the gradient, bias-corrected moments) over a
 * fixed list of parameters. It exists because DJL's {@code Optimizer} keeps its moments private,
 * so they could not be checkpointed; here m, v and the step count are saved and restored, which is
 * what makes a resumed run equal an uninterrupted one.
 *
 * <p>The moments are created eagerly in {@code manager} (never inside a step's {@code NDScope}) and
 * updated in place, so a step adds no live arrays.
 */
public final class Adam {
  private static final byte VERSION = 1;

  private final List<Parameter> parameters;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final List<NDArray> m = new ArrayList<>();
  private final List<NDArray> v = new ArrayList<>();
  private long steps;

  public Adam(List<Parameter> parameters, AdamSettings settings, NDManager manager) {
    this.parameters = List.copyOf(parameters);
    this.beta1 = settings.beta1();
    this.beta2 = settings.beta2();
    this.epsilon = 1e-8;
    this.weightDecay = settings.weightDecay();
    for (Parameter p : this.parameters) {
      m.add(manager.zeros(p.getArray().getShape(), p.getArray().getDataType(), p.getArray().getDevice()));
      v.add(manager.zeros(p.getArray().getShape(), p.getArray().getDataType(), p.getArray().getDevice()));
    }
  }

  /** One update of every parameter from its current gradient, at learning rate {@code lr}. */
  public void step(double lr) {
    steps++;
    double correction1 = 1 - Math.pow(beta1, steps);
    double correction2 = 1 - Math.pow(beta2, steps);
    double stepSize = lr / correction1;
    double sqrtCorrection2 = Math.sqrt(correction2);
    // Five new arrays per parameter (a GPU launches one kernel for each); everything else is in place.
    for (int i = 0; i < parameters.size(); i++) {
      NDArray w = parameters.get(i).getArray();
      NDArray g = w.getGradient();
      if (weightDecay != 0) {
        g.addi(w.mul(weightDecay));
      }
      m.get(i).muli(beta1).addi(g.mul(1 - beta1));
      v.get(i).muli(beta2).addi(g.square().muli(1 - beta2));
      NDArray denominator = v.get(i).sqrt().divi(sqrtCorrection2).addi(epsilon);
      w.subi(m.get(i).div(denominator).muli(stepSize));
    }
  }

  public long steps() {
    return steps;
  }

  public void save(DataOutputStream out) throws IOException {
    out.writeByte(VERSION);
    out.writeLong(steps);
    NDList state = new NDList();
    state.addAll(m);
    state.addAll(v);
    byte[] bytes = state.encode();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  public void load(DataInputStream in) throws IOException {
    byte version = in.readByte();
    if (version != VERSION) {
      throw new IOException("optimizer state version " + version + " is not supported (expected " + VERSION + ")");
    }
    long savedSteps = in.readLong();
    if (savedSteps < 0) {
      throw new IOException("optimizer state has a negative step count " + savedSteps);
    }
    byte[] bytes = Training.readBlock(in);
    NDManager scratch = m.get(0).getManager().newSubManager();
    try (scratch) {
      NDList state = NDList.decode(scratch, bytes);
      if (state.size() != 2 * m.size()) {
        throw new IOException("optimizer state holds " + state.size() + " arrays, expected " + 2 * m.size());
      }
      // Every moment is checked before the first is set: a bad state never leaves a half-loaded optimizer.
      for (int i = 0; i < state.size(); i++) {
        NDArray expected = (i < m.size() ? m : v).get(i % m.size());
        if (!expected.getShape().equals(state.get(i).getShape())) {
          throw new IOException("optimizer moment " + i + " has shape " + state.get(i).getShape() + ", expected "
              + expected.getShape());
        }
        Training.requireFinite("optimizer moment " + i, state.get(i));
      }
      steps = savedSteps;
      for (int i = 0; i < m.size(); i++) {
        m.get(i).set(state.get(i).toByteBuffer());
        v.get(i).set(state.get(m.size() + i).toByteBuffer());
      }
    }
  }

  /**
   * Sets the gradients of this optimizer's parameters to exactly zero, in place (no new live
   * arrays). A fill, not {@code g - g}: that keeps an inf or NaN gradient as NaN forever.
   */
  public void zeroGradients() {
    for (Parameter p : parameters) {
      p.getArray().getGradient().set(ALL, 0f);
    }
  }

  private static final ai.djl.ndarray.index.NDIndex ALL = new ai.djl.ndarray.index.NDIndex("...");
}
