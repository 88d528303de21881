package org.prune4j.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prune4j.bench.cli.bench.CompiledLatency;
import org.prune4j.bench.cli.model.InputLayout;
import org.prune4j.bench.cli.model.ModelCard;
import org.prune4j.bench.cli.model.ModelCheckpoints;
import org.prune4j.bench.cli.run.CommandRun;
import org.prune4j.core.sparse.MeasuredKernelChoice.Policy;
import org.prune4j.nn.infer.InferenceModel;
import org.prune4j.nn.infer.InferenceModelFile;
import org.prune4j.nn.io.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Compiles a (pruned) checkpoint into the sparse inference format (BatchNorm folded,
 * ReLU fused, CSR weights where the sparse kernel measured faster) and writes it with a
 * small JSON card (data set, classes, input shape) that `infer` uses to preprocess.
 */
@Command(name = "export", description = "Compile a checkpoint into a sparse inference model (<out>/model.infer.safetensors + .json card).")
final class ExportCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--checkpoint", required = true, description = "A model.safetensors written by train, prune or finetune.")
    Path checkpoint;

    @Override public Integer call() throws IOException {
        common.apply();
        ModelCheckpoints.Loaded l = ModelCheckpoints.load(checkpoint);
        int[] dims = InputLayout.of(l.card().model(), l.card().sampleShape()).sampleDims();
        try (CommandRun run = CommandRun.start(spec, common.out())) {
            System.out.println(Prune4jCli.banner());
            InferenceModel m = CompiledLatency.compile(l.model(), dims, Policy.AUTO);
            Path file = run.dir().root().resolve("model.infer.safetensors");
            save(m, file, l.card());
            System.out.printf("export: %s (%,d bytes), %d ops, %d conv/linear layers on the sparse kernel; %s%n", file, Files.size(file),
                    m.ops().size(), m.sparseLayers(), SparsitySummary.of(l.model()));
        }
        return 0;
    }

    static Path cardFile(Path model) { return model.resolveSibling(model.getFileName().toString().replaceFirst("\\.safetensors$", "") + ".json"); }

    /**
     * Writes an inference model and the JSON card `infer` needs beside it (data set,
     * classes, sample shape). The card goes through a temporary file and a rename, like
     * the model, so an interrupted export never leaves a half-written card.
     */
    static void save(InferenceModel m, Path file, ModelCard card) throws IOException {
        InferenceModelFile.save(m, file);
        Path target = cardFile(file);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, JsonWriter.write(card(card)) + "\n");
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, Object> card(ModelCard card) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model", card.model());
        c.put("dataset", card.dataset());
        c.put("num_classes", (long) card.numClasses());
        c.put("sample_shape", java.util.Arrays.stream(card.sampleShape().dims()).mapToObj(d -> (Object) (long) d).toList());
        return c;
    }
}
