/** ArchUnit checks of the dependency rules of docs/architecture.md over every avnas class on the test class path. */
package io.avnas.runner.architecture;
