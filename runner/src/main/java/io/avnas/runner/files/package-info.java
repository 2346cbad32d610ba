/**
 * How avnas writes and reads its files: {@link io.avnas.runner.files.AtomicWrite}, the one atomic
 * writer every file goes through (temp file, flush to disk, rename; one clear error line on a full
 * disk), and {@link io.avnas.runner.files.Json}, the one JSON codec (NaN as null, compact lines,
 * pretty files, null-safe dotted reads).
 */
package io.avnas.runner.files;
