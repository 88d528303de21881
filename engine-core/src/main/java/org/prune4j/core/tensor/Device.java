package org.prune4j.core.tensor;

/**
 * Where a tensor's storage lives. Only the host CPU exists in engine-core; an
 * accelerator module (kernels-opencl) provides devices of kind OPENCL through
 * {@link org.prune4j.core.kernels.DeviceRuntime}.
 */
public record Device(Kind kind, int index) {
    public enum Kind { CPU, OPENCL }

    public static final Device CPU = new Device(Kind.CPU, 0);

    public Device {
        if (kind == null) throw new IllegalArgumentException("device kind must not be null");
        if (index < 0) throw new IllegalArgumentException("device index must be >= 0, got " + index);
    }

    public static Device cpu() { return CPU; }

    /** The first OpenCL device, opencl:0. */
    public static Device opencl() { return opencl(0); }

    public static Device opencl(int index) { return new Device(Kind.OPENCL, index); }

    /** Parses "cpu", "opencl" or "opencl:N". */
    public static Device parse(String s) {
        if (s == null) throw new IllegalArgumentException("device must not be null; expected cpu, opencl or opencl:N");
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("cpu")) return CPU;
        if (t.equals("opencl")) return opencl(0);
        if (t.startsWith("opencl:")) {
            try {
                return opencl(Integer.parseInt(t.substring(7)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad device '" + s + "': expected cpu, opencl or opencl:N");
            }
        }
        throw new IllegalArgumentException("unknown device '" + s + "': expected cpu, opencl or opencl:N");
    }

    @Override public String toString() { return kind == Kind.CPU ? "cpu" : "opencl:" + index; }
}
