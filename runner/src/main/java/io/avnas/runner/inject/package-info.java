/**
 * Guice composition: binds the plugins the configuration selects, through their SPIs only. No
 * class here names a plugin class.
 */
package io.avnas.runner.inject;
