#!/usr/bin/env python3
"""Simulates the architecture optimiser on one table at a given step count (docs/search.md).

Each row is a softmax over its ops. Its gradient is the cross-entropy-like pull c * (p - onehot(best)) plus
Gaussian noise. c is set so that the mean |g| of the best op at initialisation equals the measured
`signal`, and the noise sd equals the measured per-step spread. Adam is the runner's: coupled L2
weight decay added to the gradient, bias-corrected moments, eps 1e-8. It prints the mean row
entropy at the end of the run. Only numpy is needed.

  scripts/arch-adam-sim.py --ops 5 --steps 634275 --lr 3e-4 --beta2 0.999 --wd 1e-3
"""
import argparse
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--ops", type=int, default=5)
p.add_argument("--rows", type=int, default=64)
p.add_argument("--steps", type=int, default=634275)
p.add_argument("--lr", type=float, default=3e-4)
p.add_argument("--beta1", type=float, default=0.5)
p.add_argument("--beta2", type=float, default=0.999)
p.add_argument("--wd", type=float, default=1e-3)
p.add_argument("--signal", type=float, default=1e-3, help="measured |mean g| per entry at the start")
p.add_argument("--noise", type=float, default=3e-3, help="measured sd of one step's g")
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()

rng = np.random.default_rng(a.seed)
theta = 1e-3 * rng.standard_normal((a.rows, a.ops))
m = np.zeros_like(theta)
v = np.zeros_like(theta)
onehot = np.zeros_like(theta)
onehot[:, 0] = 1
c = a.signal / (1 - 1 / a.ops)


def entropy(t):
    q = np.exp(t - t.max(axis=1, keepdims=True))
    q /= q.sum(axis=1, keepdims=True)
    return float(-(q * np.log(q)).sum(axis=1).mean()), q


report = sorted({a.steps // 100, a.steps // 10, a.steps})
for step in range(1, a.steps + 1):
    _, q = entropy(theta)
    g = c * (q - onehot) + a.noise * rng.standard_normal(theta.shape) + a.wd * theta
    m = a.beta1 * m + (1 - a.beta1) * g
    v = a.beta2 * v + (1 - a.beta2) * g * g
    theta -= a.lr / (1 - a.beta1 ** step) * m / (np.sqrt(v / (1 - a.beta2 ** step)) + 1e-8)
    if step in report:
        h, q = entropy(theta)
        print(f"step {step:>8}: mean entropy {h:.4f} (max {np.log(a.ops):.4f}), p(best) {q[:, 0].mean():.3f}, "
              f"|theta| max {np.abs(theta).max():.2f}")
