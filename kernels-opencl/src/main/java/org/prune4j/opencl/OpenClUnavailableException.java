package org.prune4j.opencl;

/**
 * No usable OpenCL device: the native library could not load, no platform is
 * installed, or no device matched the request. Backend selection treats this as
 * "backend not available here" and falls back to the CPU.
 */
public final class OpenClUnavailableException extends OpenClException {
    public OpenClUnavailableException(String message) { super(message); }

    public OpenClUnavailableException(String message, Throwable cause) { super(message, cause); }
}
