package org.pneumolens.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The variable lands in the C library's environment, once, beside every entry the process started with. */
@EnabledOnOs(OS.LINUX)
class OmpWaitPolicyTest {
    @Test
    void addsThePassivePolicyToTheNativeEnvironmentKeepingTheRest() {
        boolean userSet = System.getenv(OmpWaitPolicy.VARIABLE) != null || System.getenv("GOMP_SPINCOUNT") != null;
        List<String> before = OmpWaitPolicy.nativeEntries();

        assertTrue(OmpWaitPolicy.preferPassive());
        assertTrue(OmpWaitPolicy.preferPassive(), "a second call changes nothing");

        List<String> after = OmpWaitPolicy.nativeEntries();
        long passive = after.stream().filter(OmpWaitPolicy.ENTRY::equals).count();
        if (userSet || before.contains(OmpWaitPolicy.ENTRY)) {
            assertEquals(before, after, "the user's own setting is left alone");
            return;
        }
        assertEquals(1, passive, "added once");
        assertEquals(before, after.subList(0, before.size()), "every earlier entry kept, in order");
        assertEquals(before.size() + 1, after.size());
    }
}
