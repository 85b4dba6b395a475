package dev.mosaic.mos.cli.roster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.mos.cli.CliContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mosaic fleet agent list [--json]}: the roster's agents, orchestrator first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the agents of the roster.")
public final class AgentListCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--json", description = "Print JSON (schema mosaic.fleet.agents/v1).")
    boolean json;

    public AgentListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        RosterStore store = context.rosterStore();
        Roster roster = store.load();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("schema", EffectiveRoster.AGENTS_SCHEMA);
            out.put("fleet", roster.fleet().name());
            out.put("agents", EffectiveRoster.agents(roster, store.runtimes(), true));
            context.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            return 0;
        }
        String fmt = "%-16s %-13s %-18s %-10s %s%n";
        context.out().printf(fmt, "NAME", "ROLE", "RUNTIME", "HOST", "WORKDIR");
        for (AgentSpec a : roster.allAgents()) {
            context.out().printf(fmt, a.name(), a.role(), a.runtime(), a.host(), a.workdir() == null ? "~" : a.workdir());
        }
        return 0;
    }
}
