package org.pneumolens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line must carry the reference's keys in its order, so compare.sh and a reader can line both up. */
class BenchReportTest {
    @Test
    void referenceKeysComeFirstInOrderThenTheAppsThenExtrasWithNullsWritten() {
        BenchReport r = new BenchReport("dl4j test", 2);
        r.extra("model", "m");
        r.figure("decode_ms_p50", 12.345, 2);
        r.figure("train_images_per_s", 66.66, 1);
        r.figure("startup_ms", 2500.4, 0);

        JsonObject o = JsonParser.parseString(r.toJson()).getAsJsonObject();

        List<String> expected = new ArrayList<>(BenchReport.REFERENCE_KEYS);
        expected.addAll(BenchReport.APP_KEYS);
        expected.add("model");
        assertEquals(expected, new ArrayList<>(o.keySet()));
        assertEquals("seedcnn-150-grey-b50", o.get("workload").getAsString());
        assertEquals(66.7, o.get("train_images_per_s").getAsDouble());
        assertEquals(12.35, o.get("decode_ms_p50").getAsDouble()); // 12.345 is 12.3450000000000006... in binary
        assertEquals("2500", o.get("startup_ms").toString());
        assertTrue(o.get("infer_ms_p50").isJsonNull());
        assertTrue(o.get("epoch_s").isJsonNull());
    }

    @Test
    void notMeasuredIsNullNotNaN() {
        BenchReport r = new BenchReport("e", 1);
        r.figure("epoch_s", Double.NaN, 1);
        r.extra("epoch_fit_s", BenchReport.rounded(Double.NaN, 1));
        assertTrue(r.toJson().contains("\"epoch_s\":null") && r.toJson().contains("\"epoch_fit_s\":null"), r.toJson());
    }

    @Test
    void figureAndExtraKeysDoNotMix() {
        BenchReport r = new BenchReport("e", 1);
        assertThrows(IllegalArgumentException.class, () -> r.figure("trian_images_per_s", 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> r.extra("epoch_s", 1.0));
    }
}
