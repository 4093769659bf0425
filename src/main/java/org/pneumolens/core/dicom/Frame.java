package org.pneumolens.core.dicom;

/**
 * The first frame's samples, one per pixel, row-major: stored values after Bits Stored / High Bit masking and sign
 * extension (read back as {@code signed ? v : v & 0xffff}), or, for a colour image, its luma (0..255).
 */
record Frame(int width, int height, short[] values, boolean signed, int bitsStored, boolean colour) {
}
