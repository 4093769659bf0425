package org.pneumolens.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;

/**
 * The benchmark's one JSON line: first the keys of {@code torch_reference.py} in its order, then the app's figures,
 * then extras. Every figure key is always present, {@code null} when not measured, so lines compare column by column.
 */
public final class BenchReport {
    /** The reference's keys, in its order. */
    public static final List<String> REFERENCE_KEYS = List.of("engine", "threads", "workload", "train_images_per_s",
            "infer_ms_p50", "decode_ms_p50");
    /** The app's figures (issue 6), after the reference's. */
    public static final List<String> APP_KEYS = List.of("predict_gradcam_ms_p50", "epoch_s", "epoch_fraction",
            "startup_ms", "window_open_ms_cold", "window_open_ms_p50", "window_open_ms_p95",
            "batch_full_images_per_s", "batch_224_images_per_s", "batch_rss_mb_100", "batch_rss_mb_1000");

    private final JsonObject json = new JsonObject();

    public BenchReport(String engine, int threads) {
        json.addProperty("engine", engine);
        json.addProperty("threads", threads);
        json.addProperty("workload", SeedCnnBench.WORKLOAD);
        for (String k : REFERENCE_KEYS.subList(3, REFERENCE_KEYS.size())) {
            json.add(k, JsonNull.INSTANCE); // placeholders fix the order; Gson keeps a key's place when it is set
        }
        APP_KEYS.forEach(k -> json.add(k, JsonNull.INSTANCE));
    }

    /** A figure, rounded like Python's {@code round(value, digits)}; null or NaN leaves it null. */
    public void figure(String key, Double value, int digits) {
        if (!REFERENCE_KEYS.contains(key) && !APP_KEYS.contains(key)) {
            throw new IllegalArgumentException("not a figure key: " + key);
        }
        json.add(key, number(value, digits));
    }

    /** Any other key, after the figures. */
    public void extra(String key, Object value) {
        if (REFERENCE_KEYS.contains(key) || APP_KEYS.contains(key)) {
            throw new IllegalArgumentException(key + " is a figure key");
        }
        JsonElement e;
        if (value == null) {
            e = JsonNull.INSTANCE;
        } else if (value instanceof Number n) {
            e = new JsonPrimitive(n);
        } else if (value instanceof Boolean b) {
            e = new JsonPrimitive(b);
        } else if (value instanceof int[] ints) {
            var arr = new com.google.gson.JsonArray();
            for (int i : ints) {
                arr.add(i);
            }
            e = arr;
        } else {
            e = new JsonPrimitive(value.toString());
        }
        json.add(key, e);
    }

    public String toJson() {
        return new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(json);
    }

    /** Python-style rounding for extras; NaN stays NaN (then written as null). */
    public static Double rounded(double value, int digits) {
        return Double.isNaN(value) ? null : Stats.round(value, digits);
    }

    static JsonElement number(Double value, int digits) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return JsonNull.INSTANCE;
        }
        double r = Stats.round(value, digits);
        return digits == 0 ? new JsonPrimitive(Math.round(r)) : new JsonPrimitive(r);
    }
}
