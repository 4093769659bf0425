package org.pneumolens.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
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
        dirtyTheAllocator(before.size() + 2L);

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

    /**
     * malloc hands a freed block of the same size back first: leave one full of non-zero bytes, so an array whose
     * terminator is not written explicitly shows up here (as extra entries or a crash), not only on some machines.
     */
    private static void dirtyTheAllocator(long slots) {
        PointerPointer<?> dirty = new PointerPointer<>(slots);
        Pointer.memset(dirty, 0x41, slots * Pointer.sizeof(PointerPointer.class));
        dirty.deallocate();
    }
}
