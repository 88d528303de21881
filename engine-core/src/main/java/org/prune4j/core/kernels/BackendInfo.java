package org.prune4j.core.kernels;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link Kernels} provider's name and priority, declared on its class so that {@link Backends} can choose a
 * backend without constructing the ones it will not use. Constructing a backend may start a runtime with side
 * effects on the whole process: the OpenCL backend on PoCL loads LLVM, which installs its own SIGSEGV/SIGBUS
 * handlers in place of the JVM's (see {@link Backends}). Must agree with the instance's {@link Kernels#name()}
 * and {@link Kernels#priority()}; a provider without it is constructed to learn them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BackendInfo {
    String name();

    int priority();
}
