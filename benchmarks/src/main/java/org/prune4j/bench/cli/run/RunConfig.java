package org.prune4j.bench.cli.run;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.prune4j.core.kernels.Backends;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The config.json of a run: the command, every option's effective value (given or
 * default, taken from picocli's model so nothing is forgotten when an option is added),
 * the backend and thread count, and the start time.
 */
public final class RunConfig {
    private RunConfig() {}

    public static Map<String, Object> of(CommandSpec spec) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", spec.qualifiedName());
        c.put("started", Instant.now().toString());
        c.put("backend", Backends.describe());
        c.put("jdk", Runtime.version().toString());
        Map<String, Object> opts = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            Object v = o.getValue();
            opts.put(o.longestName().replaceFirst("^-+", ""), v == null ? null : v instanceof Boolean b ? b : v.toString());
        }
        c.put("options", opts);
        return c;
    }
}
