/**
 * The synthetic audio-visual dataset, the embedded default: talking "faces" whose mouth opening
 * follows a synthetic voice, with fake audio (B), fake video (C), both (D) and lip-sync fakes. Every
 * clip is a pure function of (seed, index), so loading is random-access, thread-safe and
 * reproducible. See {@code docs/synthetic.md}.
 */
package io.avnas.datasets.av.synthetic;
