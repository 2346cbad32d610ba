/**
 * The training loop search and retrain share: {@link io.avnas.runner.loop.EpochLoop} runs a
 * stage's epochs and hands each result to listeners (divergence check, metrics line, checkpoint,
 * progress). It imports nothing else of the runner, so every stage can use it.
 */
package io.avnas.runner.loop;
