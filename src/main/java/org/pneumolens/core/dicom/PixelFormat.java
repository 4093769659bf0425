package org.pneumolens.core.dicom;

import java.util.Set;

/** The Image Pixel module of a data set, checked: what the samples of a frame are and how they are laid out. */
record PixelFormat(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, int highBit,
        boolean signed, String photometric, boolean planar, int frames) {
    /** The most pixels a frame may have: 8192 x 8192, far above any radiograph (a 43 x 43 cm plate at 0.1 mm). */
    static final long MAX_PIXELS = 8192L * 8192L;

    private static final Set<String> MONO = Set.of("MONOCHROME1", "MONOCHROME2");
    private static final Set<String> COLOUR = Set.of("RGB", "YBR_FULL", "YBR_FULL_422", "YBR_ICT", "YBR_RCT",
            "YBR_PARTIAL_420", "YBR_PARTIAL_422");

    static PixelFormat of(DicomDataset ds, int frames) throws DicomFormatException {
        int rows = ds.uint16(Tags.ROWS, 0);
        int columns = ds.uint16(Tags.COLUMNS, 0);
        if (rows <= 0 || columns <= 0) {
            throw new DicomFormatException("has pixel data but no image size (Rows/Columns missing or zero)");
        }
        if ((long) rows * columns > MAX_PIXELS) {
            throw new DicomFormatException("image of " + columns + " x " + rows + " pixels is larger than the "
                    + MAX_PIXELS / 1_000_000 + " megapixels PneumoLens opens");
        }
        int spp = ds.uint16(Tags.SAMPLES_PER_PIXEL, 0);
        String photometric = ds.string(Tags.PHOTOMETRIC);
        photometric = photometric == null ? (spp == 3 ? "RGB" : "MONOCHROME2") : photometric.toUpperCase();
        if (spp <= 0) {
            spp = MONO.contains(photometric) ? 1 : 3;
        }
        int allocated = ds.uint16(Tags.BITS_ALLOCATED, 0);
        if (allocated != 8 && allocated != 16) {
            throw new DicomFormatException(allocated <= 0 ? "has no Bits Allocated"
                    : "has " + allocated + " bits per sample, which PneumoLens cannot read (only 8 or 16)");
        }
        int stored = ds.uint16(Tags.BITS_STORED, 0);
        if (stored <= 0 || stored > allocated) {
            stored = allocated;
        }
        int high = ds.uint16(Tags.HIGH_BIT, 0);
        if (high < stored - 1 || high >= allocated) {
            high = stored - 1;
        }
        boolean signed = ds.uint16(Tags.PIXEL_REPRESENTATION, 0) == 1;
        if (photometric.equals("PALETTE COLOR")) {
            throw new DicomFormatException("is a palette colour image, which PneumoLens does not read");
        }
        if (MONO.contains(photometric) ? spp != 1 : !(COLOUR.contains(photometric) && spp == 3)) {
            throw new DicomFormatException("has photometric interpretation " + DicomParser.printable(photometric) + " with " + spp
                    + " samples per pixel, which PneumoLens does not read");
        }
        if (spp == 3 && allocated != 8) {
            throw new DicomFormatException("is a 16-bit colour image, which PneumoLens does not read");
        }
        boolean planar = spp == 3 && ds.uint16(Tags.PLANAR_CONFIGURATION, 0) == 1;
        return new PixelFormat(rows, columns, spp, allocated, stored, high, signed, photometric, planar, frames);
    }

    int pixels() {
        return rows * columns;
    }

    int bytesPerSample() {
        return bitsAllocated / 8;
    }

    boolean monochrome() {
        return samplesPerPixel == 1;
    }

    /** Bytes of one uncompressed frame. */
    long frameBytes() {
        if (photometric.equals("YBR_FULL_422") || photometric.equals("YBR_PARTIAL_422")) {
            return 2L * pixels(); // Y Y Cb Cr per pair of pixels
        }
        return (long) pixels() * samplesPerPixel * bytesPerSample();
    }
}
