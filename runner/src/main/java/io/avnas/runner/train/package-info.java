/** Retraining the derived architecture from scratch, with model selection on the val split (never test). */
package io.avnas.runner.train;
