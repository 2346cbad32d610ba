/**
 * The experiment pipeline: extract, search, derive, retrain, evaluate and report, into a run
 * folder that explains itself and resumes after a kill.
 */
package io.avnas.runner.pipeline;
