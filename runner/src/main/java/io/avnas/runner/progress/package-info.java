/**
 * Progress of long work (extraction, pretraining, search, retraining) on stderr: a redrawn bar on a
 * terminal, one plain line per epoch or stage in a log file.
 */
package io.avnas.runner.progress;
