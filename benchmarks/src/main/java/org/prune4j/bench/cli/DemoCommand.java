package org.prune4j.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.prune4j.bench.cli.bench.CompiledLatency;
import org.prune4j.bench.cli.bench.Latency;
import org.prune4j.bench.cli.bench.LatencyMeter;
import org.prune4j.bench.cli.data.DataSplits;
import org.prune4j.bench.cli.data.DatasetCatalog;
import org.prune4j.bench.cli.data.DatasetName;
import org.prune4j.bench.cli.model.ModelCheckpoints;
import org.prune4j.bench.cli.pipeline.ModelMeasurements;
import org.prune4j.bench.cli.pipeline.PrunePipeline;
import org.prune4j.bench.cli.pipeline.PruneSetup;
import org.prune4j.bench.cli.report.TextTable;
import org.prune4j.bench.cli.run.CommandRun;
import org.prune4j.bench.cli.train.MetricsCallback;
import org.prune4j.bench.cli.train.TrainingRecipe;
import org.prune4j.core.sparse.MeasuredKernelChoice.Policy;
import org.prune4j.nn.flops.FlopCounter;
import org.prune4j.nn.flops.FlopReport;
import org.prune4j.nn.infer.InferenceModel;
import org.prune4j.nn.infer.InferenceModelFile;
import org.prune4j.nn.prune.PruneOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The end-to-end demo on the real Fashion-MNIST: train a small ResNet, prune it with
 * one-shot Global MP, fine-tune with the mask fixed, export the sparse inference model,
 * and print one table of accuracy, parameters, FLOPs, theoretical speedup and measured
 * latency dense vs sparse. The default budget (a ResNet-8 on a fixed 20,000-image
 * subset, 3 + 2 epochs: dense above 85%, ~5 minutes on two cores) fits the 10-minute budget with the build; every figure
 * is measured in the run.
 */
@Command(name = "demo", description = "Train a small ResNet on Fashion-MNIST, prune 90%% with Global MP, fine-tune, export, and compare dense vs sparse.")
final class DemoCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin TrainOptions train;
    @Spec CommandSpec spec;

    @Option(names = "--model", defaultValue = "resnet8", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--sparsity", defaultValue = "0.9", description = "Global MP sparsity (default: ${DEFAULT-VALUE}).")
    double sparsity;

    @Option(names = "--train-limit", defaultValue = "20000", description = "Training images, a fixed random subset (default: ${DEFAULT-VALUE}; 60000 = all).")
    int trainLimit;

    @Option(names = "--test-limit", defaultValue = "5000", description = "Test images, a fixed random subset (default: ${DEFAULT-VALUE}; 10000 = all).")
    int testLimit;

    @Option(names = "--dense-epochs", defaultValue = "3", description = "Dense training epochs (default: ${DEFAULT-VALUE}).")
    int denseEpochs;

    @Option(names = "--finetune-epochs", defaultValue = "2", description = "Fine-tuning epochs (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override public Integer call() throws IOException {
        common.apply();
        long t0 = System.nanoTime();
        PruneOptions.checkSparsity(sparsity);
        if (denseEpochs < 1) throw new IllegalArgumentException("--dense-epochs must be >= 1, got " + denseEpochs);
        if (finetuneEpochs < 0) throw new IllegalArgumentException("--finetune-epochs must be >= 0, got " + finetuneEpochs);
        TrainingRecipe dense = train.recipe(denseEpochs, batchSize);
        TrainingRecipe fine = dense.withEpochs(finetuneEpochs).withLr(dense.lr() / 5);
        DataSplits data = DatasetCatalog.load(DatasetName.FASHION_MNIST, common.dataDir(), trainLimit, testLimit, 32);
        try (CommandRun run = CommandRun.start(spec, common.out())) {
            System.out.println(Prune4jCli.banner());
            System.out.println("data: " + data.describe());
            PrunePipeline pipeline = new PrunePipeline(model, data, dense, fine, phase -> List.of(new MetricsCallback(run.dir(), phase)));
            System.out.printf(Locale.ROOT, "chosen budget: %s (%,d parameters) on %,d training images: %d dense epochs, prune %.0f%% with one-shot Global MP, %d fine-tuning epoch(s); test on %,d images%n",
                    model, pipeline.fresh(0).numParameters(), data.train().size(), denseEpochs, 100 * sparsity, finetuneEpochs, data.test().size());
            System.out.println("recipe: " + dense.describe() + "; fine-tuning peak lr " + fine.lr());

            var baseline = pipeline.dense(common.seed(), null);
            PruneSetup setup = new PruneSetup("global-mp", PruneOptions.ofSparsity(sparsity).withSeed(common.seed()), false);
            PrunePipeline.Outcome o = pipeline.run(setup, common.seed(), baseline);
            System.out.println("\nper-layer sparsity after Global MP:");
            System.out.print(o.report().toTable());

            // Export the sparse inference model, load it back, and time that artifact.
            int[] dims = pipeline.layout().sampleDims();
            Path exported = run.dir().root().resolve("model.infer.safetensors");
            ExportCommand.save(CompiledLatency.compile(o.pruned(), dims, Policy.AUTO), exported, pipeline.card(common.seed()));
            InferenceModel sparse = InferenceModelFile.load(exported);
            InferenceModel denseCompiled = CompiledLatency.compile(o.dense(), dims, Policy.DENSE);
            ModelCheckpoints.save(run.dir().root().resolve("model.safetensors"), o.pruned(), pipeline.card(common.seed()), null);
            System.out.printf(Locale.ROOT, "export: %s (%,d bytes; %d of its conv/linear layers run sparse)%n", exported, Files.size(exported), sparse.sparseLayers());

            LatencyMeter meter = LatencyMeter.quick();
            Latency d1 = CompiledLatency.measure(denseCompiled, dims, 1, meter), s1 = CompiledLatency.measure(sparse, dims, 1, meter);
            Latency d64 = CompiledLatency.measure(denseCompiled, dims, 64, meter), s64 = CompiledLatency.measure(sparse, dims, 64, meter);
            System.out.printf(Locale.ROOT, "layers on the sparse kernel, chosen by timing both per batch size: %d at batch 1, %d at batch 64%n",
                    sparse.sparseLayers(1), sparse.sparseLayers(64));
            FlopReport f = FlopCounter.count(o.pruned(), dims);
            FlopReport fd = FlopCounter.count(o.dense(), dims);
            ModelMeasurements m = new ModelMeasurements(f, d1, s1, d64, s64);
            TextTable t = ResultTable.of(o, m);
            System.out.printf(Locale.ROOT, "%nResult (%s, Fashion-MNIST, %s sparsity, measured in this run; dense model: %,d MACs):%n",
                    model, ResultTable.pct(o.report().sparsity()), fd.denseMacs());
            System.out.print(t.render());
            System.out.println("\nas Markdown:\n" + t.markdown());
            run.dir().appendMetrics(ResultTable.record(setup, common.seed(), o, m));
            System.out.printf(Locale.ROOT, "total time %.0f s; run folder %s%n", (System.nanoTime() - t0) / 1e9, run.dir());
        }
        return 0;
    }
}
