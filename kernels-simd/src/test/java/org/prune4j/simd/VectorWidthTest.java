package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * Guards the build's second kernel run: it passes -XX:MaxVectorSize=32 so that the kernels
 * take their 8-lane (AVX2) paths. If the flag stopped taking effect, that run would quietly
 * test 16 lanes twice; this fails instead.
 */
class VectorWidthTest {
    @Test
    void theJitHonoursTheRequestedVectorWidth() {
        String max = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:MaxVectorSize=")).reduce((x, y) -> y).orElse(null);
        if (max == null) return; // the default run: whatever the machine offers
        int bytes = Integer.parseInt(max.substring(max.indexOf('=') + 1));
        assertEquals(bytes * 8, FloatVector.SPECIES_PREFERRED.vectorBitSize());
    }
}
