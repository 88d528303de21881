package org.prune4j.core.kernels;

/**
 * A tensor or module was sent to a device that cannot be used here: no runtime for
 * its kind is on the class path, or the runtime cannot reach the device (no driver,
 * no platform, no such index). The message names the device and the reason; the
 * CPU keeps working.
 */
public final class DeviceUnavailableException extends RuntimeException {
    public DeviceUnavailableException(String message) { super(message); }

    public DeviceUnavailableException(String message, Throwable cause) { super(message, cause); }
}
