package org.pneumolens.core.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * The input check's answer for one image.
 *
 * @param score     the learned unlikeness score (0 when the model has no fitted check)
 * @param threshold the score above which an image is refused (0 when the model has no fitted check)
 * @param reasons   human-readable reasons, the deciding ones first; empty when {@code ok} with a fitted check
 */
public record CheckResult(CheckStatus status, double score, double threshold, List<String> reasons) {
    public CheckResult {
        reasons = List.copyOf(reasons);
    }

    public boolean ok() {
        return status == CheckStatus.OK;
    }

    /** This result refused as not a chest radiograph, {@code reason} first (e.g. a DICOM header's modality). */
    public CheckResult refusedBecause(String reason) {
        List<String> all = new java.util.ArrayList<>();
        all.add(reason);
        all.addAll(reasons);
        return new CheckResult(CheckStatus.NOT_CHEST_XRAY, score, threshold, all);
    }

    /** The first reason, or the status name when there is none. */
    public String mainReason() {
        return reasons.isEmpty() ? status.id() : reasons.get(0);
    }

    /** {@code {"status": ..., "score": ..., "threshold": ..., "reasons": [...]}} as the command line prints it. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("status", status.id());
        o.addProperty("score", Math.round(score * 1e4) / 1e4);
        o.addProperty("threshold", Math.round(threshold * 1e4) / 1e4);
        JsonArray r = new JsonArray();
        reasons.forEach(r::add);
        o.add("reasons", r);
        return o;
    }
}
