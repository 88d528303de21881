package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class JitSettingsTest {
    @Test
    void warnsWhenTieredCompilationMayDropProfiles() {
        String m = JitSettings.advice("true", "5");
        assertNotNull(m, "HotSpot's default Tier3DelayOn lets methods compile without type profiles");
        assertTrue(m.contains("Tier3DelayOn=5") && m.contains(JitSettings.ADVISED), m);
        assertNotNull(JitSettings.advice("true", String.valueOf(JitSettings.ENOUGH - 1)));
    }

    @Test
    void silentWhenProfilesAreKept() {
        assertNull(JitSettings.advice("true", "100000"));
        assertNull(JitSettings.advice("true", String.valueOf(JitSettings.ENOUGH)));
        assertNull(JitSettings.advice("false", "5"), "without tiers the interpreter profiles every method before C2");
        assertNull(JitSettings.advice("true", "not a number"));
    }

    @Test
    void theTestJvmRunsWithTheAdvisedFlag() {
        // The build passes the flag to every test JVM (pom.xml test.jvm.args), as the launcher and JMH forks do.
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertEquals("100000", vm.getVMOption("Tier3DelayOn").getValue());
        assertNull(JitSettings.advice(vm.getVMOption("TieredCompilation").getValue(), vm.getVMOption("Tier3DelayOn").getValue()));
    }
}
