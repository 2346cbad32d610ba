#!/usr/bin/env python3
"""Writes the golden fixtures of ResNetGoldenTest: torchvision's own resnet18/resnet34 taps for
weights and an input that Java rebuilds from the same formulas.

Run once, by hand, when the fixtures must change (CI never runs Python):

    apt-get install python3-torch python3-torchvision   # Debian 12: torch 1.13.1, torchvision 0.14.1
    /usr/bin/python3 backbone-resnet/src/test/python/golden_taps.py backbone-resnet/src/test/resources/io/avnas/backbone/resnet/golden

Each fixture, <arch>.json, holds the state dict's names and shapes in torchvision's order,
the input shape, and the layer2, layer3, layer4 and pooled outputs (float32 little-endian, base64).

The formulas (tensor number t = position in the state dict, element i = row-major index):
    running_var        1 + 0.5 * sin(0.01 * i + t)     (positive, as a variance must be)
    1-D ".weight"      1 + 0.1 * sin(0.01 * i + t)     (batch-norm scale near 1)
    conv weights       0.1 * sin(0.01 * i + t) / sqrt(fan_in / 9)
    everything else    0.1 * sin(0.01 * i + t)
    num_batches_tracked  0
    input x            sin(0.1 * i)
Conv weights are scaled by fan-in so the activations stay of order 1 through 34 layers, which
keeps an absolute tolerance of 1e-4 meaningful.
"""
import base64
import json
import math
import os
import sys

import numpy as np
import torch
import torchvision

INPUT_SHAPE = (1, 3, 16, 32)  # non-square, so a transposed kernel or map would show


def formula(name, shape, t):
    n = int(np.prod(shape)) if len(shape) else 1
    s = np.sin(0.01 * np.arange(n, dtype=np.float64) + t)
    if name.endswith("running_var"):
        v = 1.0 + 0.5 * s
    elif name.endswith(".weight") and len(shape) == 1:
        v = 1.0 + 0.1 * s
    elif len(shape) == 4:
        fan_in = shape[1] * shape[2] * shape[3]
        v = 0.1 * s / math.sqrt(fan_in / 9.0)
    else:
        v = 0.1 * s
    return v.astype(np.float32).reshape(shape)


def taps(model, x):
    h = model.maxpool(model.relu(model.bn1(model.conv1(x))))
    h = model.layer1(h)
    l2 = model.layer2(h)
    l3 = model.layer3(l2)
    l4 = model.layer4(l3)
    pooled = torch.flatten(model.avgpool(l4), 1)
    return {"layer2": l2, "layer3": l3, "layer4": l4, "pooled": pooled}


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    n = int(np.prod(INPUT_SHAPE))
    x = torch.from_numpy(np.sin(0.1 * np.arange(n, dtype=np.float64)).astype(np.float32).reshape(INPUT_SHAPE))
    for arch in ("resnet18", "resnet34"):
        model = getattr(torchvision.models, arch)(weights=None)
        state = model.state_dict()
        tensors = []
        filled = {}
        for t, (name, value) in enumerate(state.items()):
            shape = list(value.shape)
            if name.endswith("num_batches_tracked"):
                filled[name] = torch.zeros_like(value)
            else:
                filled[name] = torch.from_numpy(formula(name, shape, t))
            tensors.append([name, shape])
        model.load_state_dict(filled, strict=True)
        model.eval()
        with torch.no_grad():
            out = taps(model, x)
        fixture = {
            "generator": "golden_taps.py, torch " + torch.__version__ + ", torchvision " + torchvision.__version__,
            "arch": arch,
            "input_shape": list(INPUT_SHAPE),
            "tensors": tensors,
            "taps": {k: {"shape": list(v.shape),
                         "max_abs": float(v.abs().max()),
                         "data": base64.b64encode(v.numpy().astype("<f4").tobytes()).decode("ascii")}
                     for k, v in out.items()},
        }
        path = os.path.join(out_dir, arch + ".json")
        with open(path, "w") as f:
            json.dump(fixture, f, separators=(",", ":"))
            f.write("\n")
        print(path, {k: (tuple(v.shape), round(float(v.abs().max()), 4), round(float(v.std()), 4)) for k, v in out.items()})


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "golden")
