package org.pneumolens.core.dicom;

/**
 * A DICOM lookup table (Modality LUT or VOI LUT Sequence item): input values from {@code firstMapped} on map to
 * {@code table}; inputs below or above take the first or last entry. {@code bits} is the output depth.
 */
public record Lut(int firstMapped, int bits, int[] table, String explanation) {
    public Lut {
        if (table.length == 0 || bits < 1 || bits > 16) {
            throw new IllegalArgumentException("empty LUT or bad depth " + bits);
        }
    }

    public int lookup(int x) {
        int i = x - firstMapped;
        return table[i < 0 ? 0 : Math.min(i, table.length - 1)];
    }

    public int maxOutput() {
        return (1 << bits) - 1;
    }

    /** The first item of a LUT sequence, or null if there is none or it is malformed. */
    static Lut firstOf(DicomDataset ds, int sequenceTag) {
        for (DicomDataset item : ds.items(sequenceTag)) {
            DicomElement descriptor = item.get(Tags.LUT_DESCRIPTOR);
            DicomElement data = item.get(Tags.LUT_DATA);
            if (descriptor == null || data == null || descriptor.length() < 6) {
                return null;
            }
            int entries = item.uint16(Tags.LUT_DESCRIPTOR, 0);
            int first = item.uint16(Tags.LUT_DESCRIPTOR, 1);
            int bits = item.uint16(Tags.LUT_DESCRIPTOR, 2);
            if (entries == 0) {
                entries = 65536;
            }
            if ("SS".equals(descriptor.vr()) || first > 32767 && ds.uint16(Tags.PIXEL_REPRESENTATION, 0) == 1) {
                first = (short) first; // a signed first mapped value
            }
            if (bits < 1 || bits > 16) {
                return null;
            }
            int[] table = new int[entries];
            if (data.length() >= 2 * entries) {
                for (int i = 0; i < entries; i++) {
                    table[i] = item.u16(data.offset() + 2 * i) & ((1 << bits) - 1);
                }
            } else if (bits <= 8 && data.length() >= entries) {
                for (int i = 0; i < entries; i++) {
                    table[i] = item.data()[data.offset() + i] & 0xff; // 8-bit entries packed two to a word
                }
            } else {
                return null;
            }
            return new Lut(first, bits, table, item.string(0x00283003));
        }
        return null;
    }
}
