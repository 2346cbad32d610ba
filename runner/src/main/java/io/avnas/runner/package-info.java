/** The {@code avnas} entry point. See {@link io.avnas.runner.Main}. */
package io.avnas.runner;
