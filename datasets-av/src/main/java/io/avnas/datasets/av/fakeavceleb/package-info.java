/**
 * The {@code fakeavceleb} provider: FakeAVCeleb v1.2 as published, read through its {@code
 * meta_data.csv} with every known quirk (a 9-name header with a trailing comma over 10-field rows,
 * the directory in the unnamed 10th field, duplicate rows, an optional {@code FakeAVCeleb/} level,
 * race folders with parentheses or renamed). See {@code docs/datasets.md}.
 */
package io.avnas.datasets.av.fakeavceleb;
