package org.prune4j.opencl;

import static org.jocl.CL.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Discovers OpenCL platforms and devices and hands out one {@link OpenClContext} per
 * device, shared by everyone in the JVM (a context owns compiled programs and pooled
 * buffers, so sharing it is what makes "compile once" and buffer reuse work).
 * Devices are numbered over all platforms in a stable order; {@code opencl:N} means
 * the N-th of {@link #devices()}.
 */
public final class OpenClRuntime {
    private static List<Found> found;
    private static final Map<Integer, OpenClContext> contexts = new HashMap<>();

    private OpenClRuntime() {}

    /** A discovered device with its native handles. */
    record Found(OpenClDeviceInfo info, cl_platform_id platform, cl_device_id device) {}

    /** All devices of all platforms; throws {@link OpenClUnavailableException} when none can be reached. */
    public static List<OpenClDeviceInfo> devices() {
        return discover().stream().map(Found::info).toList();
    }

    /** Whether at least one OpenCL device exists (never throws). */
    public static boolean isAvailable() {
        try {
            return !discover().isEmpty();
        } catch (OpenClUnavailableException e) {
            return false;
        }
    }

    /** The shared context of device opencl:index. */
    public static synchronized OpenClContext context(int index) {
        List<Found> all = discover();
        if (index < 0 || index >= all.size()) {
            throw new OpenClUnavailableException("no OpenCL device opencl:" + index + "; available: " + describeAll(all));
        }
        return contexts.computeIfAbsent(index, i -> new OpenClContext(all.get(i)));
    }

    /** A new context of its own (not shared, caller closes it) with the given launch shapes. */
    static OpenClContext privateContext(int index, DeviceTiles tiles) {
        List<Found> all = discover();
        if (index < 0 || index >= all.size()) throw new OpenClUnavailableException("no OpenCL device opencl:" + index);
        return new OpenClContext(all.get(index), tiles);
    }

    /** The shared context of the first device matching filter. */
    public static synchronized OpenClContext context(Predicate<OpenClDeviceInfo> filter, String what) {
        for (Found f : discover()) if (filter.test(f.info())) return context(f.info().index());
        throw new OpenClUnavailableException("no OpenCL device matches " + what + "; available: " + describeAll(discover()));
    }

    private static String describeAll(List<Found> all) {
        if (all.isEmpty()) return "none";
        List<String> s = new ArrayList<>();
        for (Found f : all) s.add(f.info().summary());
        return String.join("; ", s);
    }

    private static synchronized List<Found> discover() {
        if (found != null) return found;
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            try {
                clGetPlatformIDs(0, null, count);
            } catch (CLException e) {
                // The ICD loader reports "no platform" as an error code rather than zero platforms.
                throw new OpenClUnavailableException("no OpenCL platform is installed (" + e.getMessage()
                        + "); install an ICD such as pocl-opencl-icd or a GPU driver");
            }
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            List<Found> list = new ArrayList<>();
            for (int p = 0; p < platforms.length; p++) {
                String platformName = platformString(platforms[p], CL_PLATFORM_NAME);
                int[] nd = new int[1];
                try {
                    clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, 0, null, nd);
                } catch (CLException e) {
                    continue; // a platform without devices (CL_DEVICE_NOT_FOUND) contributes nothing
                }
                cl_device_id[] devs = new cl_device_id[nd[0]];
                clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, devs.length, devs, null);
                for (cl_device_id d : devs) list.add(new Found(describe(list.size(), p, platformName, d), platforms[p], d));
            }
            found = List.copyOf(list);
            return found;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new OpenClUnavailableException("the OpenCL library could not be loaded (" + e.getMessage()
                    + "); install an OpenCL ICD loader (libOpenCL.so, e.g. ocl-icd-libopencl1) and a platform", e);
        } catch (CLException e) {
            throw new OpenClUnavailableException("OpenCL discovery failed: " + e.getMessage(), e);
        }
    }

    private static OpenClDeviceInfo describe(int index, int platformIndex, String platformName, cl_device_id d) {
        long type = deviceLong(d, CL_DEVICE_TYPE, Sizeof.cl_ulong);
        int localType = (int) deviceLong(d, CL_DEVICE_LOCAL_MEM_TYPE, Sizeof.cl_int);
        int dims = (int) deviceLong(d, CL_DEVICE_MAX_WORK_ITEM_DIMENSIONS, Sizeof.cl_uint);
        long[] itemSizes = new long[dims];
        clGetDeviceInfo(d, CL_DEVICE_MAX_WORK_ITEM_SIZES, (long) Sizeof.size_t * dims, Pointer.to(itemSizes), null);
        int[] items = new int[dims];
        for (int i = 0; i < dims; i++) items[i] = (int) Math.min(Integer.MAX_VALUE, itemSizes[i]);
        return new OpenClDeviceInfo(index, platformIndex, platformName, deviceString(d, CL_DEVICE_NAME), typeName(type),
                deviceString(d, CL_DEVICE_VERSION),
                (int) deviceLong(d, CL_DEVICE_MAX_COMPUTE_UNITS, Sizeof.cl_uint),
                deviceLong(d, CL_DEVICE_GLOBAL_MEM_SIZE, Sizeof.cl_ulong),
                deviceLong(d, CL_DEVICE_MAX_MEM_ALLOC_SIZE, Sizeof.cl_ulong),
                localType == CL_NONE ? 0 : deviceLong(d, CL_DEVICE_LOCAL_MEM_SIZE, Sizeof.cl_ulong),
                localType == CL_LOCAL,
                (int) Math.min(Integer.MAX_VALUE, deviceLong(d, CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t)),
                items,
                (int) deviceLong(d, CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT, Sizeof.cl_uint));
    }

    private static String typeName(long type) {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) return "GPU";
        if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) return "accelerator";
        if ((type & CL_DEVICE_TYPE_CPU) != 0) return "CPU";
        return "other";
    }

    private static long deviceLong(cl_device_id d, int param, int size) {
        // Read into a long: size_t, cl_ulong, cl_uint and cl_int all fit, little-endian on every JOCL platform.
        long[] v = new long[1];
        clGetDeviceInfo(d, param, size, Pointer.to(v), null);
        return size == 4 ? v[0] & 0xFFFF_FFFFL : v[0];
    }

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, StandardCharsets.UTF_8).trim();
    }
}
