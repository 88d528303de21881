package org.prune4j.bench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.prune4j.core.tensor.Rng;
import org.prune4j.data.DataLoader;
import org.prune4j.data.Dataset;
import org.prune4j.data.FashionMnist;
import org.prune4j.nn.models.LeNet5;
import org.prune4j.nn.optim.CosineWarmupLr;
import org.prune4j.nn.optim.LrScheduler;
import org.prune4j.nn.optim.SGD;
import org.prune4j.nn.train.EpochMetrics;
import org.prune4j.nn.train.ProgressBar;
import org.prune4j.nn.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The end-to-end demo: trains LeNet-5 on the real Fashion-MNIST and reports test accuracy. */
@Command(name = "demo", description = "Train LeNet-5 on Fashion-MNIST end to end and print its test accuracy.")
final class DemoCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--epochs", defaultValue = "4", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.05", description = "Peak learning rate of SGD with momentum 0.9 (default: ${DEFAULT-VALUE}).")
    float lr;

    @Override public Integer call() {
        common.apply();
        if (epochs < 1) throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        if (!(lr > 0)) throw new IllegalArgumentException("--lr must be positive, got " + lr);
        System.out.println(Prune4jCli.banner());
        Path dir = common.dataDir != null ? common.dataDir : FashionMnist.DEFAULT_DIR;
        Dataset train = FashionMnist.load(dir, true);
        Dataset test = FashionMnist.load(dir, false);
        System.out.printf("data: Fashion-MNIST from %s (%d train, %d test)%n", dir, train.size(), test.size());

        Rng rng = new Rng(common.seed);
        LeNet5 model = new LeNet5(1, 10, rng);
        System.out.printf("model: LeNet-5, %,d parameters%n", model.numParameters());
        DataLoader trainLoader = DataLoader.builder(train).batchSize(batchSize).shuffle(true).seed(common.seed).build();
        DataLoader testLoader = DataLoader.builder(test).batchSize(256).shuffle(false).build();
        long steps = (long) epochs * trainLoader.numBatches();
        SGD sgd = new SGD(model.parameters(), lr, 0.9f, 5e-4f, true);
        Trainer trainer = Trainer.builder(model, sgd)
                .epochs(epochs)
                .scheduler(new LrScheduler(new CosineWarmupLr(lr, 0f, trainLoader.numBatches() / 2, steps), LrScheduler.Pace.ITERATION))
                .evalSource(new LoaderBatchSource(testLoader))
                .seed(common.seed)
                .progress(ProgressBar.stderr())
                .build();
        long t0 = System.nanoTime();
        List<EpochMetrics> history = trainer.fit(new LoaderBatchSource(trainLoader));
        double secs = (System.nanoTime() - t0) / 1e9;
        EpochMetrics last = history.get(history.size() - 1);
        System.out.printf("result: test accuracy %.2f%% after %d epochs (train accuracy %.2f%%, %.0f s, %.0f images/s)%n",
                100 * last.eval().accuracy(), epochs, 100 * last.trainAccuracy(), secs, last.samplesPerSecond());
        return 0;
    }
}
