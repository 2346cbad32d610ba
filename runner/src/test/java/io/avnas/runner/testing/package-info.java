/** Test-only stand-ins for the experiment pipeline: fake run folders in the contract formats. */
package io.avnas.runner.testing;
