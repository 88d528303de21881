package org.prune4j.opencl;

/** An OpenCL C program failed to compile; the message carries the platform, device, source file, options and the full build log. */
public final class OpenClBuildException extends OpenClException {
    private final String buildLog;

    public OpenClBuildException(String platform, String device, String sourceFile, String options, String buildLog, Throwable cause) {
        super("OpenCL build of " + sourceFile + " failed on platform '" + platform + "', device '" + device
                + "' with options '" + options + "'; build log:\n" + buildLog, cause);
        this.buildLog = buildLog;
    }

    public String buildLog() { return buildLog; }
}
