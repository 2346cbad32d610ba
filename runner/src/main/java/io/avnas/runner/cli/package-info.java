/**
 * The command line: every picocli command lives here. {@link io.avnas.runner.cli.AvnasCommand}
 * lists the subcommands; each command that reads a configuration mixes in
 * {@link io.avnas.runner.cli.ConfigOptions}, opens a {@link io.avnas.runner.workspace.Workspace}
 * and hands it to the domain packages. Nothing outside this package imports it (ArchitectureTest).
 */
package io.avnas.runner.cli;
