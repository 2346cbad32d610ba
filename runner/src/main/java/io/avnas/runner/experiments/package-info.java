/**
 * Experiments made of several runs: {@code compare} (one run per estimator, paper Table 2) and
 * {@code sweep} (a tau x K x seed grid, paper Table 4, sharded with {@code --shard i/n}). Each run
 * writes only its own run folder; the tables are gathered from the finished runs' {@code
 * results.json} files, so shards can run concurrently on machines sharing a folder.
 */
package io.avnas.runner.experiments;
