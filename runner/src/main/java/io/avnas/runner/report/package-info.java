/**
 * The run report: {@code report.html} (self-contained: plots embedded as base64 PNG, the genotype
 * as inline SVG) and the plots as PNG files in {@code plots/}, built only from the files of a run
 * folder.
 */
package io.avnas.runner.report;
