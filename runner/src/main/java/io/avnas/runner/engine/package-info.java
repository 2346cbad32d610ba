/** Engine start-up: offline mode, thread counts, seeds and the device chosen from config. */
package io.avnas.runner.engine;
