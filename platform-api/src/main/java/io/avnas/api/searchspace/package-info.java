/**
 * The search space SPI: from backbone feature specs and an estimator to a supernet with
 * architecture tables, a derived {@link io.avnas.api.searchspace.Genotype}, and the fixed network
 * that a genotype describes.
 */
package io.avnas.api.searchspace;
