package org.pneumolens.core.dicom;

import java.util.Optional;

/**
 * The transfer syntaxes PneumoLens knows, with how their data set is encoded and which codec, if any, their
 * pixel data needs. A syntax listed with {@link Codec#UNSUPPORTED} is recognised only to name it in the refusal.
 */
public enum TransferSyntax {
    IMPLICIT_LE("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, Codec.NATIVE),
    EXPLICIT_LE("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, Codec.NATIVE),
    DEFLATED_LE("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, Codec.NATIVE),
    EXPLICIT_BE("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, Codec.NATIVE),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, false, Codec.JPEG),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, false, Codec.JPEG),
    JPEG_PROGRESSIVE("1.2.840.10008.1.2.4.55", "JPEG Progressive (Process 10 & 12)", true, false, false, Codec.JPEG),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG Lossless (Process 14)", true, false, false, Codec.JPEG),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", "JPEG Lossless (Process 14, SV1)", true, false, false, Codec.JPEG),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, false, Codec.UNSUPPORTED),
    JPEG_LS_NEAR("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", true, false, false, Codec.UNSUPPORTED),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)", true, false, false, Codec.JPEG_2000),
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000", true, false, false, Codec.JPEG_2000),
    JPEG_2000_MC_LOSSLESS("1.2.840.10008.1.2.4.92", "JPEG 2000 Multi-component (Lossless Only)", true, false, false,
            Codec.UNSUPPORTED),
    JPEG_2000_MC("1.2.840.10008.1.2.4.93", "JPEG 2000 Multi-component", true, false, false, Codec.UNSUPPORTED),
    JPIP("1.2.840.10008.1.2.4.94", "JPIP Referenced", true, false, false, Codec.UNSUPPORTED),
    MPEG2("1.2.840.10008.1.2.4.100", "MPEG-2 video", true, false, false, Codec.UNSUPPORTED),
    MPEG4("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 video", true, false, false, Codec.UNSUPPORTED),
    HEVC("1.2.840.10008.1.2.4.107", "HEVC/H.265 video", true, false, false, Codec.UNSUPPORTED),
    HTJ2K_LOSSLESS("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)", true, false, false,
            Codec.UNSUPPORTED),
    HTJ2K_RPCL("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL (Lossless Only)", true, false, false,
            Codec.UNSUPPORTED),
    HTJ2K("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", true, false, false, Codec.UNSUPPORTED),
    RLE("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, Codec.RLE);

    /** How the pixel data of a syntax is turned into samples. */
    public enum Codec { NATIVE, JPEG, JPEG_2000, RLE, UNSUPPORTED }

    private final String uid;
    private final String displayName;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final boolean deflated;
    private final Codec codec;

    TransferSyntax(String uid, String displayName, boolean explicitVr, boolean bigEndian, boolean deflated,
            Codec codec) {
        this.uid = uid;
        this.displayName = displayName;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.deflated = deflated;
        this.codec = codec;
    }

    public static Optional<TransferSyntax> of(String uid) {
        for (TransferSyntax ts : values()) {
            if (ts.uid.equals(uid)) {
                return Optional.of(ts);
            }
        }
        return Optional.empty();
    }

    public String uid() {
        return uid;
    }

    public String displayName() {
        return displayName;
    }

    public boolean explicitVr() {
        return explicitVr;
    }

    public boolean bigEndian() {
        return bigEndian;
    }

    public boolean deflated() {
        return deflated;
    }

    public Codec codec() {
        return codec;
    }

    /** Pixel data stored as fragments (compressed), rather than as one plain value. */
    public boolean encapsulated() {
        return codec != Codec.NATIVE;
    }
}
