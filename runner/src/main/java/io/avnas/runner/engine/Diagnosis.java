package io.avnas.runner.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.util.cuda.CudaUtils;
import io.avnas.api.InvalidConfigException;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code avnas doctor} finds: the versions, the libtorch DJL loaded, the GPUs the engine and the
 * driver see, the device {@code avnas.device} resolves to (with a forward and backward pass on it),
 * and the free space where features and runs are written. Gathering it never fails on a GPU-less or
 * misconfigured machine: what goes wrong is reported, with what to set, in {@link #advice()}.
 *
 * @param java Java version and vendor
 * @param djl DJL's version
 * @param libtorch the libtorch DJL loaded
 * @param cuda whether the engine can run CUDA (its GPU count is above 0)
 * @param gpus the engine's GPUs, with memory
 * @param driverGpus nvidia-smi's GPUs (empty: no driver, or no nvidia-smi)
 * @param deviceSpec {@code avnas.device} as configured
 * @param device the device it resolves to, or empty when it does not resolve
 * @param deviceWhy how it resolved, or the error
 * @param smoke the forward and backward pass on that device
 * @param folders the feature cache and run folders with their free space
 * @param advice what to do about each problem found, empty when there is none
 */
public record Diagnosis(String java, String djl, Libtorch libtorch, boolean cuda, List<Gpu> gpus,
    Optional<List<NvidiaSmi.Gpu>> driverGpus, String deviceSpec, Optional<String> device, String deviceWhy,
    Smoke smoke, List<Folder> folders, List<String> advice) {

  /**
   * A GPU the engine sees.
   *
   * @param index CUDA index
   * @param memoryMib total memory, MiB (-1 when CUDA does not say)
   * @param usedMib memory in use, MiB (-1 when CUDA does not say)
   */
  public record Gpu(int index, long memoryMib, long usedMib) {}

  /**
   * A tiny forward and backward pass: y = sum((x w)^2) for x (2, 3), w (3, 2); dy/dw = 2 x^T (x w).
   *
   * @param ok whether it ran and the gradient matched
   * @param maxError max |autograd - analytic| of the gradient
   * @param detail what failed, or the device it ran on
   */
  public record Smoke(boolean ok, double maxError, String detail) {}

  /**
   * A folder avnas writes, and the usable space on its file system.
   *
   * @param role {@code feature_cache} or {@code runs}
   * @param path the folder (it need not exist yet)
   * @param freeBytes usable bytes, -1 when no existing ancestor can be found
   */
  public record Folder(String role, Path path, long freeBytes) {}

  /** Gathers everything; {@code deviceSpec} is {@code avnas.device} from the config. */
  public static Diagnosis gather(String deviceSpec, Path featureCache, Path runs) {
    EngineSetup.enforceOffline();
    Engine engine = Engine.getInstance();
    Libtorch libtorch = Libtorch.of(engine);
    int count = engine.getGpuCount();
    List<Gpu> gpus = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      gpus.add(gpu(i));
    }
    Optional<List<NvidiaSmi.Gpu>> driver = NvidiaSmi.gpus();
    List<String> advice = new ArrayList<>();
    Optional<String> device = Optional.empty();
    String why;
    Smoke smoke;
    try {
      DeviceResolver.Choice choice = DeviceResolver.choose(deviceSpec, count, () -> driver, libtorch);
      device = Optional.of(choice.device().toString());
      why = choice.why();
      smoke = smoke(choice.device());
    } catch (InvalidConfigException e) {
      why = e.getMessage();
      advice.add(e.getMessage());
      smoke = new Smoke(false, Double.NaN, "not run: " + DeviceResolver.KEY + " does not resolve");
    }
    if (count == 0 && driver.isPresent() && !driver.get().isEmpty()) {
      advice.add("the driver sees a GPU but the engine does not: " + DeviceResolver.whyNoGpu(driver, libtorch));
    }
    if (!smoke.ok() && device.isPresent()) {
      advice.add("the forward and backward pass failed on " + device.get() + ": " + smoke.detail());
    }
    List<Folder> folders = List.of(folder("feature_cache", featureCache), folder("runs", runs));
    String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    return new Diagnosis(java, Engine.getDjlVersion(), libtorch, count > 0, gpus, driver, deviceSpec.trim(), device, why,
        smoke, folders, advice);
  }

  private static Gpu gpu(int index) {
    try {
      MemoryUsage memory = CudaUtils.getGpuMemory(Device.gpu(index));
      return new Gpu(index, memory.getMax() >> 20, memory.getCommitted() >> 20);
    } catch (RuntimeException | LinkageError e) {
      // CUDA's memory query needs the CUDA runtime library; the GPU is still usable without it.
      return new Gpu(index, -1, -1);
    }
  }

  static Smoke smoke(Device device) {
    try (NDManager manager = NDManager.newBaseManager(device)) {
      NDArray x = manager.create(new float[] {1, 2, 3, -1, 0.5f, 2}, new Shape(2, 3));
      NDArray w = manager.create(new float[] {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f}, new Shape(3, 2));
      w.setRequiresGradient(true);
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        collector.backward(x.matMul(w).square().sum());
      }
      NDArray analytic = x.transpose().matMul(x.matMul(w)).mul(2);
      double error = w.getGradient().sub(analytic).abs().max().getFloat();
      // float32 over six products: anything above 1e-4 is a broken kernel, not rounding.
      return new Smoke(error <= 1e-4, error, "forward and backward on " + device);
    } catch (RuntimeException e) {
      return new Smoke(false, Double.NaN, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  static Folder folder(String role, Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    for (Path p = absolute; p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        try {
          return new Folder(role, absolute, Files.getFileStore(p).getUsableSpace());
        } catch (IOException e) {
          return new Folder(role, absolute, -1);
        }
      }
    }
    return new Folder(role, absolute, -1);
  }
}
