package org.pneumolens.core.dicom;

/** The SOP classes that carry no image to classify, by UID prefix. */
final class SopClasses {
    private SopClasses() {
    }

    /** A short name for a non-image SOP class, or null for image (or unknown) classes. */
    static String nonImageKind(String uid) {
        if (uid == null) {
            return null;
        }
        if (uid.startsWith("1.2.840.10008.5.1.4.1.1.88.")) {
            return uid.equals("1.2.840.10008.5.1.4.1.1.88.59") ? "key object selection" : "structured report (SR)";
        }
        if (uid.startsWith("1.2.840.10008.5.1.4.1.1.11.")) {
            return "presentation state";
        }
        if (uid.startsWith("1.2.840.10008.5.1.4.1.1.9.")) {
            return "waveform";
        }
        if (uid.startsWith("1.2.840.10008.5.1.4.1.1.104.")) {
            return "encapsulated document";
        }
        return switch (uid) {
            case "1.2.840.10008.5.1.4.1.1.481.2" -> "RT dose";
            case "1.2.840.10008.5.1.4.1.1.481.3" -> "RT structure set";
            case "1.2.840.10008.5.1.4.1.1.481.5", "1.2.840.10008.5.1.4.1.1.481.8" -> "RT plan";
            case "1.2.840.10008.5.1.4.1.1.481.4" -> "RT beams treatment record";
            case "1.2.840.10008.5.1.4.1.1.66", "1.2.840.10008.5.1.4.1.1.66.1" -> "raw data or registration";
            default -> null;
        };
    }
}
