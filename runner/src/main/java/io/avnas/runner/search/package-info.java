/**
 * First-order bilevel architecture search: network weights learn on the train split and the
 * architecture tables on the dev split, each with its own Adam, alternating per batch or per epoch.
 */
package io.avnas.runner.search;
