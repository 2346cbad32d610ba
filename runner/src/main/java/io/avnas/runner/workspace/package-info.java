/**
 * What every command and stage works with: the {@link io.avnas.runner.workspace.Workspace} (the
 * discovered plugins, the validated configuration and the injector that binds the selected plugins),
 * {@link io.avnas.runner.workspace.UserError} for input a user must fix, and the build's versions.
 * The command line ({@code io.avnas.runner.cli}) sits above this package; nothing here knows it.
 */
package io.avnas.runner.workspace;
