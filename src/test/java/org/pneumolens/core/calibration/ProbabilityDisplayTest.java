package org.pneumolens.core.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbabilityDisplayTest {
    @Test
    void theEndsAreNeverShownAsCertainty() {
        assertEquals("> 99.9 %", ProbabilityDisplay.percent(0.99996));
        assertEquals("> 99.9 %", ProbabilityDisplay.percent(0.9995)); // would round to 100.0
        assertEquals("99.9 %", ProbabilityDisplay.percent(0.99949));
        assertEquals("> 99.9 %", ProbabilityDisplay.percent(1.0));
        assertEquals("< 0.1 %", ProbabilityDisplay.percent(1e-6));
        assertEquals("< 0.1 %", ProbabilityDisplay.percent(0.0));
        assertEquals("0.1 %", ProbabilityDisplay.percent(0.0005));
        assertEquals("86.5 %", ProbabilityDisplay.percent(0.865));
        assertEquals("> 99.99 %", ProbabilityDisplay.percent(0.99996, 2));
    }

    @Test
    void nanAndNonProbabilitiesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProbabilityDisplay.percent(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ProbabilityDisplay.percent(1.5));
        assertThrows(IllegalArgumentException.class, () -> ProbabilityDisplay.percent(-0.01));
        assertThrows(IllegalArgumentException.class, () -> ProbabilityDisplay.compare(Double.NaN, 0.5));
        assertThrows(IllegalArgumentException.class, () -> ProbabilityDisplay.compare(0.5, Double.POSITIVE_INFINITY));
    }

    @Test
    void aComparisonShowsTheDigitsThatTellTheTwoApart() {
        // The Train tab once read "0.86 < threshold 0.86" (stored 0.865): here the digits decide.
        ProbabilityDisplay.Comparison c = ProbabilityDisplay.compare(0.8649, 0.865);
        assertFalse(c.above());
        assertEquals("86.49 % < operating point 86.50 %", c.text());
        assertEquals(2, c.decimals());
        ProbabilityDisplay.Comparison d = ProbabilityDisplay.compare(0.8651, 0.865);
        assertTrue(d.above());
        assertEquals("86.51 % \u2265 operating point 86.50 %", d.text());
        assertEquals("49.0 % < operating point 50.1 %", ProbabilityDisplay.compare(0.49, 0.501).text());
        assertEquals("86.5 % \u2265 operating point 86.5 %", ProbabilityDisplay.compare(0.865, 0.865).text());
    }

    @Test
    void aComparisonNearTheEndsNeverReadsAsCertainty() {
        ProbabilityDisplay.Comparison c = ProbabilityDisplay.compare(0.99996, 0.9999);
        assertTrue(c.above());
        assertEquals("99.996 % \u2265 operating point 99.990 %", c.text());
        ProbabilityDisplay.Comparison low = ProbabilityDisplay.compare(1e-6, 0.3);
        assertFalse(low.above());
        assertEquals("< 0.1 %, below the operating point 30.0 %", low.text());
        assertEquals("> 99.9 %, above the operating point 78.0 %", ProbabilityDisplay.compare(0.99999, 0.78).text());
        // Both near the top: digits until they differ, never "100.0 %".
        assertEquals("99.999 % \u2265 operating point 99.990 %", ProbabilityDisplay.compare(0.99999, 0.9999).text());
        // Closer than the most digits shown: said in words, on the side the decision took.
        ProbabilityDisplay.Comparison tie = ProbabilityDisplay.compare(0.50000001, 0.5);
        assertTrue(tie.above());
        assertEquals("at", tie.relation());
        assertTrue(tie.text().contains("at the operating point"), tie.text());
        ProbabilityDisplay.Comparison under = ProbabilityDisplay.compare(0.49999999, 0.5);
        assertFalse(under.above());
        assertTrue(under.text().contains("just below"), under.text());
    }
}
