/** Detection metrics on scores: AUC, accuracy, equal error rate, ROC points and per-category results. */
package io.avnas.runner.metrics;
