/**
 * Features: the frozen backbones run once per split and their taps, pooled to what the search
 * consumes, are kept in an on-disk cache. {@link io.avnas.runner.features.FeatureSet} is what the
 * search, retrain and evaluate stages read.
 */
package io.avnas.runner.features;
