package org.prune4j.nn.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.prune4j.nn.Module;
import org.prune4j.nn.layers.AdaptiveAvgPool2d;
import org.prune4j.nn.layers.AvgPool2d;
import org.prune4j.nn.layers.BasicBlock;
import org.prune4j.nn.layers.BatchNorm2d;
import org.prune4j.nn.layers.Bottleneck;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.DepthwiseSeparable;
import org.prune4j.nn.layers.Dropout;
import org.prune4j.nn.layers.Flatten;
import org.prune4j.nn.layers.GlobalAvgPool;
import org.prune4j.nn.layers.Identity;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.MaxPool2d;
import org.prune4j.nn.layers.ReLU;
import org.prune4j.nn.layers.ReLU6;
import org.prune4j.nn.layers.Residual;
import org.prune4j.nn.layers.Sequential;
import org.prune4j.nn.layers.WideBasicBlock;
import org.prune4j.nn.models.FastGRNN;
import org.prune4j.nn.models.LeNet5;
import org.prune4j.nn.models.Mlp;
import org.prune4j.nn.models.MobileNetV1;
import org.prune4j.nn.models.ResNetBottleneck;
import org.prune4j.nn.models.ResNetCifar;
import org.prune4j.nn.models.VggCifar;
import org.prune4j.nn.models.WideResNet;

/**
 * A model's forward pass as a list of {@link GraphNode}s, in evaluation semantics
 * (Dropout and Identity vanish). Layers that hard-code functional ops in their forward
 * (ReLU between convs, pooling in LeNet-5, the ResNet stems) are lowered from knowledge
 * of that forward, in one place; the export tests compare the lowered graph with the
 * module's own forward for every model, so the two cannot drift apart silently.
 * FLOP counting, layer-collapse detection, sparse export and channel pruning all walk
 * this graph.
 */
public record ModelGraph(List<GraphNode> nodes) {
    static final String SUPPORTED = "Sequential, Conv2d, Linear, BatchNorm2d, ReLU, ReLU6, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, GlobalAvgPool, "
            + "Flatten, Dropout, Identity, Residual, BasicBlock, Bottleneck, WideBasicBlock, DepthwiseSeparable, and the models LeNet5, Mlp, "
            + "ResNetCifar, ResNetBottleneck, WideResNet, VggCifar, MobileNetV1, FastGRNN";

    public ModelGraph {
        nodes = List.copyOf(nodes);
    }

    /** Lowers model; throws {@link UnsupportedModuleException} naming the first unknown module. */
    public static ModelGraph of(Module model) {
        if (model == null) throw new IllegalArgumentException("model graph: model must not be null");
        List<GraphNode> out = new ArrayList<>();
        lower("", model, out);
        return new ModelGraph(out);
    }

    /** Whether model lowers without error. */
    public static boolean supports(Module model) {
        try {
            of(model);
            return true;
        } catch (UnsupportedModuleException e) {
            return false;
        }
    }

    private static String path(String prefix, String name) { return prefix.isEmpty() ? name : prefix + "." + name; }

    private static Module child(Module m, String name) { return m.namedChildren().get(name); }

    private static void relu(List<GraphNode> out) { out.add(new GraphNode.Activation(false)); }

    private static void lower(String p, Module m, List<GraphNode> out) {
        switch (m) {
            case Sequential s -> {
                for (Map.Entry<String, Module> e : s.namedChildren().entrySet()) lower(path(p, e.getKey()), e.getValue(), out);
            }
            case Conv2d c -> out.add(new GraphNode.Conv(p, c));
            case Linear l -> out.add(new GraphNode.Dense(p, l));
            case BatchNorm2d b -> out.add(new GraphNode.Norm(p, b));
            case ReLU r -> relu(out);
            case ReLU6 r -> out.add(new GraphNode.Activation(true));
            case MaxPool2d mp -> out.add(new GraphNode.Pool(true, mp.kernelSize(), mp.stride(), mp.padding()));
            case AvgPool2d ap -> out.add(new GraphNode.Pool(false, ap.kernelSize(), ap.stride(), ap.padding()));
            case AdaptiveAvgPool2d a -> out.add(new GraphNode.GlobalPool(true));
            case GlobalAvgPool g -> out.add(new GraphNode.GlobalPool(false));
            case Flatten f -> out.add(new GraphNode.Flatten());
            case Dropout d -> { }
            case Identity i -> { }
            case Residual r -> out.add(new GraphNode.Residual(p, List.of(), sub(path(p, "branch"), r.branch()),
                    r.shortcut() == null ? null : sub(path(p, "shortcut"), r.shortcut()), false, r.reluAfter()));
            case BasicBlock b -> {
                List<GraphNode> br = new ArrayList<>();
                lower(path(p, "conv1"), child(b, "conv1"), br);
                lower(path(p, "bn1"), child(b, "bn1"), br);
                relu(br);
                lower(path(p, "conv2"), child(b, "conv2"), br);
                lower(path(p, "bn2"), child(b, "bn2"), br);
                out.add(new GraphNode.Residual(p, List.of(), br, shortcut(p, b, "downsample"), false, true));
            }
            case Bottleneck b -> {
                List<GraphNode> br = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    lower(path(p, "conv" + i), child(b, "conv" + i), br);
                    lower(path(p, "bn" + i), child(b, "bn" + i), br);
                    if (i < 3) relu(br);
                }
                out.add(new GraphNode.Residual(p, List.of(), br, shortcut(p, b, "downsample"), false, true));
            }
            case WideBasicBlock w -> {
                List<GraphNode> pre = new ArrayList<>();
                lower(path(p, "bn1"), child(w, "bn1"), pre);
                relu(pre);
                List<GraphNode> br = new ArrayList<>();
                lower(path(p, "conv1"), child(w, "conv1"), br);
                lower(path(p, "bn2"), child(w, "bn2"), br);
                relu(br);
                lower(path(p, "conv2"), child(w, "conv2"), br);
                List<GraphNode> sc = shortcut(p, w, "conv_shortcut");
                out.add(new GraphNode.Residual(p, pre, br, sc, sc != null, false));
            }
            case DepthwiseSeparable d -> {
                for (String n : List.of("depthwise", "bn1")) lower(path(p, n), child(d, n), out);
                relu(out);
                for (String n : List.of("pointwise", "bn2")) lower(path(p, n), child(d, n), out);
                relu(out);
            }
            case LeNet5 l -> {
                for (String c : List.of("conv1", "conv2")) {
                    lower(c, child(l, c), out);
                    relu(out);
                    out.add(new GraphNode.Pool(true, 2, 2, 0));
                }
                out.add(new GraphNode.Flatten());
                for (String f : List.of("fc1", "fc2", "fc3")) {
                    lower(f, child(l, f), out);
                    if (!f.equals("fc3")) relu(out);
                }
            }
            case Mlp mlp -> {
                out.add(new GraphNode.Flatten());
                lower(path(p, "layers"), child(mlp, "layers"), out);
            }
            case ResNetCifar r -> {
                stem(p, r, out);
                for (String s : List.of("layer1", "layer2", "layer3")) lower(path(p, s), child(r, s), out);
                head(p, r, out);
            }
            case ResNetBottleneck r -> {
                stem(p, r, out);
                if (r.stem() == ResNetBottleneck.Stem.IMAGENET) out.add(new GraphNode.Pool(true, 3, 2, 1));
                for (String s : List.of("layer1", "layer2", "layer3", "layer4")) lower(path(p, s), child(r, s), out);
                head(p, r, out);
            }
            case MobileNetV1 mb -> {
                stem(p, mb, out);
                lower(path(p, "layers"), child(mb, "layers"), out);
                head(p, mb, out);
            }
            case WideResNet w -> {
                lower(path(p, "conv1"), child(w, "conv1"), out);
                for (String s : List.of("block1", "block2", "block3")) lower(path(p, s), child(w, s), out);
                lower(path(p, "bn1"), child(w, "bn1"), out);
                relu(out);
                head(p, w, out);
            }
            case VggCifar v -> {
                lower(path(p, "features"), child(v, "features"), out);
                out.add(new GraphNode.Flatten());
                lower(path(p, "classifier"), child(v, "classifier"), out);
            }
            case FastGRNN f -> {
                out.add(new GraphNode.Recurrent(path(p, "cell"), f.cell()));
                lower(path(p, "fc"), child(f, "fc"), out);
            }
            default -> throw new UnsupportedModuleException(p, m.getClass(), SUPPORTED);
        }
    }

    private static List<GraphNode> sub(String p, Module m) {
        List<GraphNode> out = new ArrayList<>();
        lower(p, m, out);
        return out;
    }

    private static List<GraphNode> shortcut(String p, Module block, String name) {
        Module s = child(block, name);
        return s == null ? null : sub(path(p, name), s);
    }

    /** conv1 → bn1 → relu, the stems of the ResNets and MobileNet. */
    private static void stem(String p, Module m, List<GraphNode> out) {
        lower(path(p, "conv1"), child(m, "conv1"), out);
        lower(path(p, "bn1"), child(m, "bn1"), out);
        relu(out);
    }

    /** Global average pooling to [N, C] and the fc head. */
    private static void head(String p, Module m, List<GraphNode> out) {
        out.add(new GraphNode.GlobalPool(false));
        lower(path(p, "fc"), child(m, "fc"), out);
    }
}
