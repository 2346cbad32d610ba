package io.avnas.runner.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.avnas.api.InvalidConfigException;
import io.avnas.runner.config.RunSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code avnas.device} against what the engine sees. {@code cpu} is the CPU; {@code gpu} and {@code
 * gpu:N} are that GPU or an error, never a silent fall-back to the CPU; {@code auto} is the first GPU
 * when DJL sees one, else the CPU, and says which it picked and why.
 *
 * <p>The errors tell the two GPU-less cases apart with {@code nvidia-smi}: no driver at all, or a GPU
 * that the loaded libtorch cannot use because it is the bundled CPU build (then: set {@code
 * AVNAS_LIBTORCH}, docs/gpu.md).
 */
public final class DeviceResolver {
  public static final String KEY = "avnas.device";
  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  /**
   * A resolved device and the one line that explains it.
   *
   * @param device the device
   * @param why how {@code spec} became {@code device}
   */
  public record Choice(Device device, String why) {}

  private DeviceResolver() {}

  /** The device for {@code spec} on {@code engine}, silently (see {@link #resolve(String, Engine, PrintWriter)}). */
  public static Device resolve(String spec, Engine engine) {
    return choose(spec, engine.getGpuCount(), NvidiaSmi::gpus, Libtorch.of(engine)).device();
  }

  /**
   * As {@link #resolve(String, Engine)}; for {@code auto}, prints the device it picked to {@code
   * progress}, once per JVM (a run resolves the device in several stages).
   */
  public static Device resolve(String spec, Engine engine, PrintWriter progress) {
    Choice choice = choose(spec, engine.getGpuCount(), NvidiaSmi::gpus, Libtorch.of(engine));
    if (spec.trim().equalsIgnoreCase("auto") && ANNOUNCED.add(choice.why())) {
      progress.println("avnas: " + choice.why());
      progress.flush();
    }
    return choice.device();
  }

  /**
   * The decision itself, from what the engine and the driver see.
   *
   * @param engineGpus GPUs the loaded libtorch sees
   * @param driver nvidia-smi's GPUs (empty: no driver), asked only when they matter for the message
   */
  public static Choice choose(String spec, int engineGpus, Supplier<Optional<List<NvidiaSmi.Gpu>>> driver, Libtorch libtorch) {
    String value = spec.trim().toLowerCase(Locale.ROOT);
    if (!RunSettings.DEVICE.matcher(value).matches()) {
      throw InvalidConfigException.of(KEY, spec, "auto, cpu, gpu or gpu:N");
    }
    if (value.equals("cpu")) {
      return new Choice(Device.cpu(), KEY + " = cpu");
    }
    if (value.equals("auto")) {
      if (engineGpus > 0) {
        return new Choice(Device.gpu(0), KEY + " = auto: using gpu:0 (DJL sees " + engineGpus + " GPU(s), libtorch "
            + libtorch.version() + " " + libtorch.flavor() + ")");
      }
      return new Choice(Device.cpu(), KEY + " = auto: using the CPU (" + whyNoGpu(driver.get(), libtorch) + ")");
    }
    int index = value.startsWith("gpu:") ? Integer.parseInt(value.substring(4)) : 0;
    if (engineGpus == 0) {
      throw new InvalidConfigException(KEY, "is " + spec.trim() + ", but DJL sees no GPU: " + whyNoGpu(driver.get(), libtorch)
          + "; avnas never falls back to the CPU silently: set " + KEY + " = cpu (or auto) to run on the CPU");
    }
    if (index >= engineGpus) {
      throw new InvalidConfigException(KEY, "is " + spec.trim() + ", but DJL sees " + engineGpus + " GPU(s); allowed: gpu:0 .. gpu:"
          + (engineGpus - 1) + " (CUDA_VISIBLE_DEVICES may hide the others)");
    }
    return new Choice(Device.gpu(index), KEY + " = " + value);
  }

  /** Why the engine sees no GPU, and what to set, as one clause. */
  static String whyNoGpu(Optional<List<NvidiaSmi.Gpu>> driver, Libtorch libtorch) {
    if (driver.isPresent() && !driver.get().isEmpty()) {
      int n = driver.get().size();
      if (!libtorch.cuda()) {
        return "nvidia-smi lists " + n + " GPU(s), but the loaded libtorch is the " + libtorch.flavor() + " build ("
            + libtorch.source() + "); set AVNAS_LIBTORCH to the lib folder of a CUDA 12.8 libtorch 2.7.1, e.g. pip"
            + " torch==2.7.1's torch/lib (docs/gpu.md)";
      }
      return "nvidia-smi lists " + n + " GPU(s) and libtorch is the " + libtorch.flavor() + " build, yet CUDA does not start;"
          + " check the driver supports CUDA 12.8 (nvidia-smi's \"CUDA Version\") and CUDA_VISIBLE_DEVICES (docs/gpu.md)";
    }
    return "no GPU on this machine: nvidia-smi is not on PATH or lists none (docs/gpu.md for a CUDA machine)";
  }
}
