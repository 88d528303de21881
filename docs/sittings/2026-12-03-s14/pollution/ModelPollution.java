import java.util.*;
import org.prune4j.bench.cli.bench.RandomMasks;
import org.prune4j.bench.cli.data.*;
import org.prune4j.bench.cli.model.*;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.tensor.*;
import org.prune4j.nn.Module;
import org.prune4j.nn.optim.SGD;

/** Training-step and inference times of target models in a fresh JVM, then after other models trained and inferred in it (a sweep), then again. */
public class ModelPollution {
    record Job(String name, Runnable step) {}
    static Job job(String model, double sparsity, int batch, boolean train) {
        Shape sample = DatasetCatalog.sampleShape(DatasetName.FASHION_MNIST, 32);
        Module net = ModelCatalog.create(model, sample, 10, 0);
        if (sparsity > 0) RandomMasks.applyLayerwise(net, sparsity, 0);
        int[] sd = InputLayout.of(model, sample).sampleDims();
        int[] dims = new int[sd.length + 1]; dims[0] = batch; System.arraycopy(sd, 0, dims, 1, sd.length);
        Rng rng = new Rng(1);
        Tensor x = Tensor.randn(rng, dims);
        int[] labels = new int[batch]; for (int i = 0; i < batch; i++) labels[i] = rng.nextInt(10);
        SGD sgd = new SGD(net.parameters(), 0.01f, 0.9f, 0f, false);
        String name = model + (sparsity > 0 ? "@" + sparsity : "") + " b" + batch + (train ? " train" : " infer");
        if (train) return new Job(name, () -> { net.train(); net.zeroGrad(); Tensor loss = Ops.crossEntropy(net.forward(x), labels); loss.backward(); sgd.step(); });
        return new Job(name, () -> { net.eval(); try (var ng = GradMode.noGrad()) { net.forward(x); } });
    }
    static double med(Runnable r, int warm, int reps) { for (int i = 0; i < warm; i++) r.run(); double[] t = new double[reps]; for (int i = 0; i < reps; i++) { long a = System.nanoTime(); r.run(); t[i] = (System.nanoTime() - a) / 1e6; } Arrays.sort(t); return t[reps / 2]; }
    public static void main(String[] a) {
        List<Job> targets = List.of(job("resnet20", 0, 64, true), job("resnet20", 0.9, 64, true), job("resnet20", 0.9, 64, false), job("lenet5", 0.9, 64, true));
        List<Job> others = new ArrayList<>();
        for (String m : new String[]{"lenet5", "mlp", "fastgrnn", "mobilenet-v1-cifar", "resnet20", "resnet32"})
            for (double sp : new double[]{0, 0.5, 0.95}) for (boolean tr : new boolean[]{true, false}) others.add(job(m, sp, m.startsWith("mobilenet") ? 8 : 32, tr));
        double[] before = new double[targets.size()];
        for (int i = 0; i < targets.size(); i++) before[i] = med(targets.get(i).step(), 15, 15);
        long t0 = System.nanoTime();
        for (int round = 0; round < 2; round++) for (Job j : others) for (int k = 0; k < 6; k++) j.step().run();
        System.out.printf("others: %d jobs, %.0f s%n", others.size(), (System.nanoTime() - t0) / 1e9);
        for (int i = 0; i < targets.size(); i++) {
            double after = med(targets.get(i).step(), 15, 15);
            System.out.printf("%-28s before %8.2f after %8.2f ms  %.2fx%s%n", targets.get(i).name(), before[i], after, after / before[i], after / before[i] > 1.3 ? "  <<<" : "");
        }
    }
}
