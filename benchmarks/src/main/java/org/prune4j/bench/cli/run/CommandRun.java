package org.prune4j.bench.cli.run;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The life of one command that writes a run folder: creates the folder, records
 * config.json, copies stdout into log.txt until closed.
 */
public final class CommandRun implements AutoCloseable {
    private final RunDirectory dir;
    private final RunLog log;

    private CommandRun(RunDirectory dir, RunLog log) {
        this.dir = dir;
        this.log = log;
    }

    public static CommandRun start(CommandSpec spec, Path out) {
        RunDirectory dir = RunDirectory.create(out, spec.name());
        dir.writeConfig(RunConfig.of(spec));
        return new CommandRun(dir, RunLog.tee(dir.log()));
    }

    public RunDirectory dir() { return dir; }

    @Override public void close() { log.close(); }
}
