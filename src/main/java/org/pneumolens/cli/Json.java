package org.pneumolens.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;

final class Json {
    private static final Gson COMPACT = new GsonBuilder().serializeSpecialFloatingPointValues().serializeNulls()
            .create();

    private Json() {
    }

    static String compact(JsonElement e) {
        return COMPACT.toJson(e);
    }
}
