package org.prune4j.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * PoCL loads LLVM, which replaces the JVM's SIGSEGV handler with a one-shot handler of its own; the JVM uses
 * SIGSEGV for safepoint polls, and processes that started the OpenCL backend died now and then with exit code
 * 139 (see Backends). The build's jvm-signal-chaining profile preloads the JDK's libjsig into the test JVMs, so
 * the JVM keeps its handlers. This guards that the profile is in effect wherever the JDK has the library.
 */
class SignalChainingTest {
    @Test
    void testJvmPreloadsTheJdkSignalChainingLibrary() {
        Path jsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        assumeTrue(Files.exists(jsig), "this JDK has no " + jsig);
        String preload = System.getenv("LD_PRELOAD");
        assertTrue(preload != null && preload.contains(jsig.toString()),
                "LD_PRELOAD should name " + jsig + " (the jvm-signal-chaining profile in the root pom), was " + preload);
    }
}
