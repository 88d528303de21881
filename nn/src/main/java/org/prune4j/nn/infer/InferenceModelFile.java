package org.prune4j.nn.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.PoolGeometry;
import org.prune4j.core.kernels.Unary;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.nn.io.JsonReader;
import org.prune4j.nn.io.JsonWriter;
import org.prune4j.nn.io.SafeTensors;
import org.prune4j.nn.io.SafeTensorsFile;
import org.prune4j.nn.io.StoredTensor;

/**
 * Stores an {@link InferenceModel} as one safetensors file: every conv and linear weight
 * in CSR form ({@code <op>.weight.row_ptr} and {@code .col_idx} as I32, {@code .values} as
 * F32, nonzeros only), biases and affine parameters as F32, and the graph as JSON in the
 * metadata ({@code format}, {@code input_shape}, {@code graph}: one object per op, residual
 * ops nesting their sub-lists). Loading rebuilds the ops and measures the dense/sparse
 * choice again, since the best kernel depends on the machine that runs the model.
 */
public final class InferenceModelFile {
    public static final String FORMAT = "prune4j-inference-v1";

    private InferenceModelFile() {}

    public static void save(InferenceModel model, Path path) throws IOException {
        if (model == null || path == null) throw new IllegalArgumentException("inference model file: model and path must not be null");
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        List<Object> graph = describe(model.ops(), "ops", tensors);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("input_shape", JsonWriter.write(model.inputShape()));
        meta.put("graph", JsonWriter.write(graph));
        SafeTensors.write(path, tensors, meta);
    }

    public static InferenceModel load(Path path) throws IOException {
        SafeTensorsFile f = SafeTensors.read(path);
        String format = f.metadata().get("format");
        if (!FORMAT.equals(format)) throw new IllegalArgumentException(path + ": not a Prune4J inference model (metadata format = " + format + ", expected " + FORMAT + ")");
        int[] input = ints(JsonReader.parse(f.metadata("input_shape")), path + ": input_shape");
        Object graph = JsonReader.parse(f.metadata("graph"));
        if (!(graph instanceof List<?> list)) throw new IllegalArgumentException(path + ": metadata 'graph' is not a JSON list");
        return new InferenceModel(build(list, "ops", f), input);
    }

    // ------------------------------------------------------------------ writing

    private static List<Object> describe(List<CompiledOp> ops, String prefix, Map<String, StoredTensor> tensors) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) out.add(describe(ops.get(i), prefix + "." + i, tensors));
        return out;
    }

    private static Map<String, Object> describe(CompiledOp op, String p, Map<String, StoredTensor> t) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("in_shape", op.inShape());
        switch (op) {
            case ConvOp c -> {
                ConvGeometry g = c.geometry();
                d.put("op", "conv");
                d.put("name", c.name());
                d.put("out_channels", g.outChannels());
                d.put("kernel", g.kernelH());
                d.put("stride", g.strideH());
                d.put("padding", g.padH());
                d.put("dilation", g.dilationH());
                d.put("groups", g.groups());
                d.put("relu", c.relu());
                d.put("bias", c.bias() != null);
                csr(c.csr(), p + ".weight", t);
                if (c.bias() != null) t.put(p + ".bias", StoredTensor.f32(c.bias(), c.bias().length));
            }
            case LinearOp l -> {
                d.put("op", "linear");
                d.put("name", l.name());
                d.put("out_features", l.outFeatures());
                d.put("relu", l.relu());
                d.put("bias", l.bias() != null);
                csr(l.csr(), p + ".weight", t);
                if (l.bias() != null) t.put(p + ".bias", StoredTensor.f32(l.bias(), l.bias().length));
            }
            case ChannelAffineOp a -> {
                d.put("op", "channel_affine");
                d.put("name", a.name());
                t.put(p + ".scale", StoredTensor.f32(a.scale(), a.scale().length));
                t.put(p + ".shift", StoredTensor.f32(a.shift(), a.shift().length));
            }
            case ActivationOp a -> d.put("op", a.op() == Unary.RELU6 ? "relu6" : "relu");
            case PoolOp po -> {
                d.put("op", po.max() ? "max_pool" : "avg_pool");
                d.put("kernel", po.geometry().kernelH());
                d.put("stride", po.geometry().strideH());
                d.put("padding", po.geometry().padH());
            }
            case GlobalPoolOp g -> {
                d.put("op", "global_avg_pool");
                d.put("keep_dims", g.keepDims());
            }
            case FlattenOp f -> d.put("op", "flatten");
            case ResidualOp r -> {
                d.put("op", "residual");
                d.put("name", r.name());
                d.put("pre", describe(r.pre(), p + ".pre", t));
                d.put("branch", describe(r.branch(), p + ".branch", t));
                d.put("shortcut", describe(r.shortcut(), p + ".shortcut", t));
                d.put("shortcut_from_pre", r.shortcutFromPre());
                d.put("relu", r.relu());
            }
        }
        return d;
    }

    private static void csr(CsrMatrix m, String p, Map<String, StoredTensor> t) {
        t.put(p + ".row_ptr", StoredTensor.i32(m.rowPtr(), m.rows() + 1));
        t.put(p + ".col_idx", StoredTensor.i32(m.colIdx(), m.nnz()));
        t.put(p + ".values", StoredTensor.f32(m.values(), m.nnz()));
        t.put(p + ".shape", StoredTensor.i32(new int[] {m.rows(), m.cols()}, 2));
    }

    // ------------------------------------------------------------------ reading

    private static List<CompiledOp> build(List<?> list, String prefix, SafeTensorsFile f) {
        List<CompiledOp> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) throw new IllegalArgumentException(f.path() + ": graph entry " + prefix + "." + i + " is not a JSON object");
            out.add(build(m, prefix + "." + i, f));
        }
        return out;
    }

    private static CompiledOp build(Map<?, ?> d, String p, SafeTensorsFile f) {
        String where = f.path() + ": " + p;
        String op = str(d, "op", where);
        int[] in = ints(d.get("in_shape"), where + ".in_shape");
        switch (op) {
            case "conv" -> {
                if (in.length != 3) throw new IllegalArgumentException(where + ": conv input shape must be [C, H, W], got " + java.util.Arrays.toString(in));
                int k = num(d, "kernel", where), s = num(d, "stride", where), pad = num(d, "padding", where), dil = num(d, "dilation", where);
                ConvGeometry g = new ConvGeometry(1, in[0], in[1], in[2], num(d, "out_channels", where), k, k, s, s, pad, pad, dil, dil, num(d, "groups", where));
                CsrMatrix csr = csr(p + ".weight", f, g.outChannels(), g.patchSize());
                float[] bias = bool(d, "bias", where) ? f.get(p + ".bias").toFloats() : null;
                return InferenceCompiler.conv(str(d, "name", where), g, csr.toDense(), bias, bool(d, "relu", where));
            }
            case "linear" -> {
                if (in.length != 1) throw new IllegalArgumentException(where + ": linear input shape must be [F], got " + java.util.Arrays.toString(in));
                int outF = num(d, "out_features", where);
                CsrMatrix csr = csr(p + ".weight", f, outF, in[0]);
                float[] bias = bool(d, "bias", where) ? f.get(p + ".bias").toFloats() : null;
                return InferenceCompiler.linear(str(d, "name", where), in[0], outF, csr.toDense(), bias, bool(d, "relu", where));
            }
            case "channel_affine" -> { return new ChannelAffineOp(str(d, "name", where), in, f.get(p + ".scale").toFloats(), f.get(p + ".shift").toFloats()); }
            case "relu" -> { return new ActivationOp(Unary.RELU, in); }
            case "relu6" -> { return new ActivationOp(Unary.RELU6, in); }
            case "max_pool", "avg_pool" -> {
                return new PoolOp(op.equals("max_pool"), PoolGeometry.of(1, in[0], in[1], in[2], num(d, "kernel", where), num(d, "stride", where), num(d, "padding", where)));
            }
            case "global_avg_pool" -> { return new GlobalPoolOp(in, bool(d, "keep_dims", where)); }
            case "flatten" -> { return new FlattenOp(in); }
            case "residual" -> {
                return new ResidualOp(str(d, "name", where), in, build(list(d, "pre", where), p + ".pre", f), build(list(d, "branch", where), p + ".branch", f),
                        build(list(d, "shortcut", where), p + ".shortcut", f), bool(d, "shortcut_from_pre", where), bool(d, "relu", where));
            }
            default -> throw new IllegalArgumentException(where + ": unknown op '" + op + "'");
        }
    }

    private static CsrMatrix csr(String p, SafeTensorsFile f, int rows, int cols) {
        int[] shape = f.get(p + ".shape").toInts();
        if (shape.length != 2 || shape[0] != rows || shape[1] != cols) {
            throw new IllegalArgumentException(f.path() + ": " + p + " is " + java.util.Arrays.toString(shape) + " but the graph needs " + rows + "x" + cols);
        }
        return new CsrMatrix(rows, cols, f.get(p + ".row_ptr").toInts(), f.get(p + ".col_idx").toInts(), f.get(p + ".values").toFloats());
    }

    private static String str(Map<?, ?> d, String key, String where) {
        if (!(d.get(key) instanceof String s)) throw new IllegalArgumentException(where + ": '" + key + "' must be a string, got " + d.get(key));
        return s;
    }

    private static int num(Map<?, ?> d, String key, String where) {
        if (!(d.get(key) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) throw new IllegalArgumentException(where + ": '" + key + "' must be a non-negative integer, got " + d.get(key));
        return v.intValue();
    }

    private static boolean bool(Map<?, ?> d, String key, String where) {
        if (!(d.get(key) instanceof Boolean b)) throw new IllegalArgumentException(where + ": '" + key + "' must be true or false, got " + d.get(key));
        return b;
    }

    private static List<?> list(Map<?, ?> d, String key, String where) {
        if (!(d.get(key) instanceof List<?> l)) throw new IllegalArgumentException(where + ": '" + key + "' must be a list, got " + d.get(key));
        return l;
    }

    private static int[] ints(Object o, String where) {
        if (!(o instanceof List<?> l) || l.isEmpty()) throw new IllegalArgumentException(where + " must be a non-empty list of integers, got " + o);
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Long v) || v <= 0 || v > Integer.MAX_VALUE) throw new IllegalArgumentException(where + " must hold positive integers, got " + o);
            out[i] = v.intValue();
        }
        return out;
    }
}
