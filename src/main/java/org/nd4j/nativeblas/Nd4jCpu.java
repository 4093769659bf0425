package org.nd4j.nativeblas;

/**
 * Bridge for a renamed class. DL4J 1.0.0-M2.1's {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment#isUseMKLDNN()} by reflection, but ND4J M2.1 moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method {@code isUseONEDNN}.
 * The lookup fails, and every oneDNN layer helper then reports itself unsupported, so DL4J silently falls back to
 * its slow path even with the oneDNN build loaded. This class answers the old question with the new API. Nothing
 * else in ND4J uses this name; {@code NativeHelpersTest} fails if the helpers stop being picked up. It is the one
 * class outside {@code org.pneumolens} because the name is what DL4J asks for; it belongs with the other engine
 * workarounds in {@code org.pneumolens.core.engine} ({@code NativeHelpers} relies on it).
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The subset of the old {@code Environment} that DL4J's helpers ask for. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether libnd4j will run its oneDNN implementations (false on a build without oneDNN). */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
