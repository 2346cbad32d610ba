/**
 * Configuration: every module's {@code reference.conf}, then the user's HOCON file, then {@code
 * -Dkey=value} overrides, resolved and validated before any work starts. The merged reference
 * files are the schema: a key under {@code avnas} that no {@code reference.conf} declares is an
 * error, and so is a value whose type differs from the reference value's type.
 */
package io.avnas.runner.config;
