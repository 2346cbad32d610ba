/**
 * Test helpers: fake run folders in the contract formats (a stand-in for the pipeline), plugin jars
 * built inside a test (compiled with javax.tools), and the example plugin's jar.
 */
package io.avnas.runner.testing;
