package io.avnas.runner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.avnas.api.InvalidConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The device decision on made-up machines: the engine's GPU count, nvidia-smi's list and the loaded flavor. */
class DeviceResolverTest {
  private static final Libtorch CPU = new Libtorch("2.7.1", Optional.of(Path.of("/cache/2.7.1-cpu")), "cpu", "bundled");
  private static final Libtorch CUDA = new Libtorch("2.7.1", Optional.of(Path.of("/torch/lib")), "cu128", "AVNAS_LIBTORCH");
  private static final Supplier<Optional<List<NvidiaSmi.Gpu>>> NO_DRIVER = Optional::empty;
  private static final Supplier<Optional<List<NvidiaSmi.Gpu>>> TWO_H100 = () -> Optional.of(List.of(
      new NvidiaSmi.Gpu(0, "NVIDIA H100 80GB HBM3", 81559), new NvidiaSmi.Gpu(1, "NVIDIA H100 80GB HBM3", 81559)));

  @Test
  void cpuAndAutoWithoutAGpu() {
    assertEquals(Device.cpu(), DeviceResolver.choose("CPU", 0, NO_DRIVER, CPU).device());
    DeviceResolver.Choice auto = DeviceResolver.choose("auto", 0, NO_DRIVER, CPU);
    assertEquals(Device.cpu(), auto.device());
    assertTrue(auto.why().startsWith("avnas.device = auto: using the CPU (no GPU on this machine"), auto.why());
  }

  @Test
  void autoPicksTheFirstGpuAndSaysSo() {
    DeviceResolver.Choice auto = DeviceResolver.choose("auto", 2, TWO_H100, CUDA);
    assertEquals(Device.gpu(0), auto.device());
    assertEquals("avnas.device = auto: using gpu:0 (DJL sees 2 GPU(s), libtorch 2.7.1 cu128)", auto.why());
    assertEquals(Device.gpu(1), DeviceResolver.choose("gpu:1", 2, TWO_H100, CUDA).device());
    assertEquals(Device.gpu(0), DeviceResolver.choose("gpu", 2, TWO_H100, CUDA).device());
  }

  @Test
  void aGpuThatTheCpuBuildCannotSeeNamesTheKeyAndAvnasLibtorch() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> DeviceResolver.choose("gpu:0", 0, TWO_H100, CPU));
    assertEquals("avnas.device", e.key());
    assertTrue(e.getMessage().startsWith("avnas.device: is gpu:0, but DJL sees no GPU: nvidia-smi lists 2 GPU(s), but the loaded"
        + " libtorch is the cpu build (bundled); set AVNAS_LIBTORCH"), e.getMessage());
    assertTrue(e.getMessage().contains("never falls back to the CPU silently"), e.getMessage());
    // auto on the same machine runs on the CPU, but says why and what to set.
    DeviceResolver.Choice auto = DeviceResolver.choose("auto", 0, TWO_H100, CPU);
    assertEquals(Device.cpu(), auto.device());
    assertTrue(auto.why().contains("set AVNAS_LIBTORCH"), auto.why());
  }

  @Test
  void gpuWithoutAnyDriverAndAnIndexOutOfRange() {
    InvalidConfigException none = assertThrows(InvalidConfigException.class, () -> DeviceResolver.choose("gpu", 0, NO_DRIVER, CPU));
    assertTrue(none.getMessage().contains("no GPU on this machine"), none.getMessage());
    InvalidConfigException range = assertThrows(InvalidConfigException.class, () -> DeviceResolver.choose("gpu:2", 2, TWO_H100, CUDA));
    assertTrue(range.getMessage().contains("allowed: gpu:0 .. gpu:1"), range.getMessage());
    InvalidConfigException cudaBroken = assertThrows(InvalidConfigException.class, () -> DeviceResolver.choose("gpu", 0, TWO_H100, CUDA));
    assertTrue(cudaBroken.getMessage().contains("check the driver supports CUDA 12.8"), cudaBroken.getMessage());
    assertThrows(InvalidConfigException.class, () -> DeviceResolver.choose("tpu", 0, NO_DRIVER, CPU));
  }

  @Test
  void theDriverIsAskedOnlyWhenItMattersForTheMessage() {
    AtomicInteger asked = new AtomicInteger();
    Supplier<Optional<List<NvidiaSmi.Gpu>>> counting = () -> {
      asked.incrementAndGet();
      return Optional.empty();
    };
    DeviceResolver.choose("cpu", 0, counting, CPU);
    DeviceResolver.choose("gpu:1", 2, counting, CUDA);
    assertEquals(0, asked.get(), "no nvidia-smi process for cpu or a GPU the engine sees");
  }

  @Test
  void nvidiaSmiCsvParses() {
    List<NvidiaSmi.Gpu> gpus = NvidiaSmi.parse("0, NVIDIA H100 80GB HBM3, 81559\n1, NVIDIA A100-SXM4-40GB, 40960\nFailed to x\n");
    assertEquals(List.of(new NvidiaSmi.Gpu(0, "NVIDIA H100 80GB HBM3", 81559), new NvidiaSmi.Gpu(1, "NVIDIA A100-SXM4-40GB", 40960)), gpus);
    assertFalse(new Libtorch("2.7.1", Optional.empty(), "cpu", "bundled").cuda());
    assertTrue(CUDA.cuda());
  }
}
