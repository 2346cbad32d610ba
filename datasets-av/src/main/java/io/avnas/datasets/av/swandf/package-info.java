/**
 * The {@code swan-df} provider: SWAN-DF fakes ({@code videos/<res>/<SRC>/...-to-<TARGET>.mp4}, with
 * optional converted voices in {@code audios/wav/<SRC>/}) and SWAN-Idiap reals ({@code
 * session_XX/<device>/<ID>/<site>_<id>_<m|f>_<session>_<rec>_<p|t>_<bio>.mp4}, speech only), with
 * identity protocol files for the splits. See {@code docs/datasets.md}.
 */
package io.avnas.datasets.av.swandf;
