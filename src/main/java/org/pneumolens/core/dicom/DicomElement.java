package org.pneumolens.core.dicom;

import java.util.List;

/**
 * One data element as found in the file: where its value sits in the data set's bytes (never copied), or, for a
 * sequence, its items, or, for encapsulated pixel data, its fragments (the first being the basic offset table).
 *
 * @param vr two-letter value representation; in implicit VR files the one the small built-in dictionary gives,
 *     or "UN"
 */
record DicomElement(int tag, String vr, int offset, int length, List<DicomDataset> items, List<Fragment> fragments) {
    /** Bytes {@code [offset, offset + length)} of the data set's buffer. */
    record Fragment(int offset, int length) {
    }

    static DicomElement value(int tag, String vr, int offset, int length) {
        return new DicomElement(tag, vr, offset, length, null, null);
    }

    boolean isSequence() {
        return items != null;
    }

    boolean isEncapsulated() {
        return fragments != null;
    }
}
