package org.pneumolens.core.check;

/** The input check's verdict on an image, named as it appears in JSON output. */
public enum CheckStatus {
    /** Looks like the chest radiographs the model was trained on. */
    OK("ok"),
    /** Unlike them: photos, screenshots, documents, other modalities or body parts, blank images. */
    NOT_CHEST_XRAY("not_chest_xray"),
    /** A radiograph that cannot be judged: far too small, almost no contrast, extreme aspect ratio. */
    LOW_QUALITY("low_quality");

    private final String id;

    CheckStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
