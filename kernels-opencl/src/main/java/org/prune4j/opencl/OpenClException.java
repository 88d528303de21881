package org.prune4j.opencl;

/** An OpenCL call failed; the message names the operation, the device and the OpenCL error. */
public class OpenClException extends RuntimeException {
    public OpenClException(String message) { super(message); }

    public OpenClException(String message, Throwable cause) { super(message, cause); }
}
