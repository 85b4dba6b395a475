package dev.mosaic.mos.cli.roster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.mos.cli.CliContext;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Option;

/**
 * {@code mosaic fleet config [--json]}: the effective roster — runtime profiles applied, secrets
 * masked, and for each AI harness agent what Mos writes and sets for it ({@code harness}). A secret reference this shell cannot resolve is shown with why, not an error: the
 * service gets its secrets from mos.env, and reading the configuration needs none.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print the effective roster: runtime profiles applied, secrets masked as ***, and per AI",
                "harness agent what Mos writes and sets for it (settings files, hooks, permission mode, env).",
                "A secret this shell cannot resolve shows as e.g. $${env:DISCORD_BOT_TOKEN} (not set in this shell):",
                "the service reads it from $MOSAIC_HOME/mos.env. Fails (exit 1) naming file and line when the roster",
                "is invalid."})
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
        Roster roster = store.load();
        Map<String, Object> config = EffectiveRoster.config(roster, store.runtimes(), context.environment(),
                context.env());
        PrintWriter out = context.out();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(config));
            return 0;
        }
        print(out, config);
        return 0;
    }

    /** Real YAML (quoted where needed, e.g. {@code ">"} or {@code "@scope/pkg"}), so the output can be read back. */
    private static void print(PrintWriter out, Map<String, Object> map) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setDereferenceAliases(true); // shared lists (runtime profiles) would show as &id001 anchors
        out.print(new Yaml(options).dump(map));
    }
}
