package dev.mosaic.mos.cli.roster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.mos.cli.CliContext;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mosaic fleet config [--json]}: the effective roster — runtime profiles applied, secrets
 * masked — after checking that every secret reference resolves in this environment.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print the effective roster: runtime profiles applied, secrets masked as ***.",
                "Fails (exit 1) naming file and line when the roster is invalid or a secret reference cannot be resolved."})
public final class ConfigCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--json", description = "Print JSON (schema mosaic.fleet.config/v1).")
    boolean json;

    public ConfigCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        RosterStore store = context.rosterStore();
        Roster roster = store.load(context.environment());
        Map<String, Object> config = EffectiveRoster.config(roster, store.runtimes());
        PrintWriter out = context.out();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(config));
            return 0;
        }
        print(out, config, "");
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void print(PrintWriter out, Map<String, Object> map, String indent) {
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                out.println(indent + k + ":");
                print(out, (Map<String, Object>) m, indent + "  ");
            } else if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map) {
                out.println(indent + k + ":");
                for (Object item : l) {
                    out.println(indent + "  -");
                    print(out, (Map<String, Object>) item, indent + "    ");
                }
            } else if (v != null && !(v instanceof Map<?, ?> m2 && m2.isEmpty()) && !(v instanceof List<?> l2 && l2.isEmpty())) {
                out.println(indent + k + ": " + v);
            }
        });
    }
}
