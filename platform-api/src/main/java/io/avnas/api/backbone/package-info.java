/**
 * The backbone SPI: a frozen feature extractor for one modality that declares its feature taps.
 *
 * <p>Lifecycle: the runner asks a {@link io.avnas.api.backbone.BackboneFactory} for a {@link
 * io.avnas.api.backbone.Backbone} of a {@link io.avnas.api.backbone.Modality}, optionally loads
 * weights, and runs {@code forward} on batches of preprocessed clips. The taps it returns are pooled
 * and cached by the runner; the search never runs a backbone.
 */
package io.avnas.api.backbone;
