/**
 * The {@code softmax-tau} example estimator: a deterministic, tempered softmax relaxation. Its only
 * dependency is {@code io.avnas.api}; see docs/plugin-guide.md for the walk-through.
 */
package io.avnas.example.estimator;
