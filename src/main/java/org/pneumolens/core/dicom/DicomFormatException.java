package org.pneumolens.core.dicom;

/** A file that is not DICOM, or whose DICOM is damaged or beyond this reader; the message is one line for a user. */
final class DicomFormatException extends Exception {
    DicomFormatException(String message) {
        super(message);
    }
}
