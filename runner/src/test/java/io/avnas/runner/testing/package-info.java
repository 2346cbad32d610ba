/** Test helpers: plugin jars built inside a test (compiled with javax.tools), and the example plugin's jar. */
package io.avnas.runner.testing;
