/**
 * BasicBlock ResNets (ResNet-18 and ResNet-34) as frozen feature extractors with taps after
 * layer2, layer3 and layer4 plus the globally pooled vector.
 *
 * <p>The visual backbone reads (B, T, 3, S, S): frames are folded into the batch, run through the
 * network one image each, and every tap is unfolded back to (B, T, ...). The audio backbone reads a
 * one-channel spectrogram (B, 1, F, steps) as an image. Weights are saved in DJL's parameter format
 * behind a small versioned header that lists every parameter's name and shape, so a mismatching file
 * fails before any array is read.
 */
package io.avnas.backbone.resnet;
