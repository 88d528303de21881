package org.prune4j.opencl;

import static org.jocl.CL.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * Compiled programs and their kernel objects for one context, keyed by source file
 * and build options. Compilers are slow (PoCL runs LLVM at build time), so each
 * (source, options) pair is built exactly once per context and lives until close.
 */
final class ProgramCache {
    private static final String RESOURCE_DIR = "/org/prune4j/opencl/";
    private static final String COMMON = "common.cl";

    private final cl_context context;
    private final cl_device_id device;
    private final OpenClDeviceInfo info;
    private final Map<String, cl_program> programs = new HashMap<>();
    private final Map<String, cl_kernel> kernels = new HashMap<>();
    private int builds;

    ProgramCache(cl_context context, cl_device_id device, OpenClDeviceInfo info) {
        this.context = context;
        this.device = device;
        this.info = info;
    }

    /** The kernel named name in sourceFile built with options (built on first use). */
    synchronized cl_kernel kernel(String sourceFile, String options, String name) {
        String key = sourceFile + '\u0000' + options + '\u0000' + name;
        cl_kernel k = kernels.get(key);
        if (k != null) return k;
        cl_program program = program(sourceFile, options);
        try {
            k = clCreateKernel(program, name, null);
        } catch (CLException e) {
            throw new OpenClException("kernel '" + name + "' not found in " + sourceFile + " on " + info.deviceName() + ": " + e.getMessage(), e);
        }
        kernels.put(key, k);
        return k;
    }

    private cl_program program(String sourceFile, String options) {
        String key = sourceFile + '\u0000' + options;
        cl_program p = programs.get(key);
        if (p != null) return p;
        // common.cl (reductions, Kahan sums) is prepended rather than #included: resources
        // have no file-system path a compiler could follow.
        String source = load(COMMON) + "\n" + load(sourceFile);
        p = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            clBuildProgram(p, 1, new cl_device_id[] {device}, options, null, null);
        } catch (CLException e) {
            String log = buildLog(p);
            clReleaseProgram(p);
            throw new OpenClBuildException(info.platformName(), info.deviceName(), sourceFile, options, log, e);
        }
        builds++;
        programs.put(key, p);
        return p;
    }

    private String buildLog(cl_program p) {
        try {
            long[] size = new long[1];
            clGetProgramBuildInfo(p, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] buf = new byte[(int) size[0]];
            clGetProgramBuildInfo(p, device, CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
            return OpenClRuntime.cString(buf);
        } catch (CLException e) {
            return "(build log unavailable: " + e.getMessage() + ")";
        }
    }

    static String load(String sourceFile) {
        try (InputStream in = ProgramCache.class.getResourceAsStream(RESOURCE_DIR + sourceFile)) {
            if (in == null) throw new OpenClException("OpenCL source " + RESOURCE_DIR + sourceFile + " is missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OpenClException("cannot read OpenCL source " + sourceFile + ": " + e.getMessage(), e);
        }
    }

    /** How many programs were compiled (tests use it to prove the cache works). */
    synchronized int builds() { return builds; }

    synchronized void close() {
        for (cl_kernel k : kernels.values()) clReleaseKernel(k);
        for (cl_program p : programs.values()) clReleaseProgram(p);
        kernels.clear();
        programs.clear();
    }
}
