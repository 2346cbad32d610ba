/**
 * The {@code manifest} provider: any dataset described by a CSV with the columns {@code
 * path,label,category,identity} and optionally {@code split} and {@code audio}. See {@code
 * docs/datasets.md}.
 */
package io.avnas.datasets.av.manifest;
