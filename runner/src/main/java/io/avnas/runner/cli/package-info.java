/**
 * The picocli commands. {@link io.avnas.runner.cli.AvnasCommand} lists every subcommand; each
 * command that reads a configuration mixes in {@link io.avnas.runner.cli.ConfigOptions} and opens a
 * {@link io.avnas.runner.cli.Workspace}.
 */
package io.avnas.runner.cli;
