package dev.mosaic.mos.cli.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mosaic.fleet.update.UpdateOptions;
import dev.mosaic.fleet.update.UpdateReport;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.app.Outcome;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import dev.mosaic.mos.cli.Render;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mosaic fleet update}: updates AI harnesses without losing work — plan, install once per
 * host, restart each agent once idle (canary first) with its conversation resumed, verify, roll
 * back (docs/updates.md).
 */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Update AI harnesses (claude, codex, pi) and restart their agents on the new version, each"
                + " only once it is idle, conversation resumed; rolled back if one does not come back ready.",
                "Also how a harness first gets into Mos's prefix. See docs/updates.md."})
public final class FleetUpdateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--runtime", paramLabel = "R", description = "A runtime to update (repeatable; default: all the agents use).")
    List<String> runtimes = new ArrayList<>();

    @Option(names = "--agent", paramLabel = "A", description = "Restart only this agent (repeatable).")
    List<String> agents = new ArrayList<>();

    @Option(names = "--host", paramLabel = "H", description = "Only this host.")
    String host;

    @Option(names = "--to", paramLabel = "VERSION", description = "The target version (default: the newest).")
    String to;

    @Option(names = "--dry-run", description = "Print the plan only; change nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Also restart agents that are working or waiting for a person (interrupts them).")
    boolean force;

    @Option(names = {"-y", "--yes"}, description = "Do not ask before acting (for scripts).")
    boolean yes;

    @Option(names = "--json", description = "Print the plan, report or history as JSON.")
    boolean json;

    @Option(names = "--history", description = "List past update runs.")
    boolean history;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", description = "How long to wait for a busy agent to go idle (default: 600).")
    long drainSeconds = UpdateOptions.DRAIN_TIMEOUT.toSeconds();

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", description = "How long a restarted agent has to be ready (default: 90).")
    long readySeconds = UpdateOptions.READY_TIMEOUT.toSeconds();

    public FleetUpdateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (history) {
            return history();
        }
        if (drainSeconds < 0 || readySeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--drain-timeout must be >= 0 and --ready-timeout >= 1");
        }
        UpdateOptions options = new UpdateOptions(runtimes, agents, host, to, force, Duration.ofSeconds(drainSeconds),
                Duration.ofSeconds(readySeconds), null);
        if (dryRun || !yes) {
            Outcome.UpdatePlanned plan = (Outcome.UpdatePlanned) context.app().execute(context.person(),
                    new Operation.Update(options, true));
            if (dryRun) {
                if (json) {
                    context.out().println(json("mosaic.fleet.update.plan/v1", plan.plan()));
                    return MosaicCli.OK;
                }
                return Render.print(context, plan);
            }
            if (plan.plan().nothingToDo()) {
                return Render.print(context, plan);
            }
            if (!context.interactive()) {
                throw new ParameterException(spec.commandLine(), "an update restarts agents: add --yes to run it without"
                        + " a terminal (or --dry-run to see the plan)");
            }
            Render.print(context, plan);
            context.out().print("Update and restart these agents (each once idle)? [y/N] ");
            context.out().flush();
            String answer = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes")) {
                context.err().println("nothing changed");
                return MosaicCli.FAILURE;
            }
        }
        Outcome o = context.app().execute(context.person(), new Operation.Update(options, false));
        if (json) {
            context.out().println(json("mosaic.fleet.update/v1", ((Outcome.Updated) o).report()));
            return o.ok() ? MosaicCli.OK : MosaicCli.FAILURE;
        }
        return Render.print(context, o);
    }

    private int history() throws JsonProcessingException {
        List<UpdateReport> runs = context.fleet().updater().history();
        if (json) {
            context.out().println(json("mosaic.fleet.update.history/v1", runs));
            return MosaicCli.OK;
        }
        if (runs.isEmpty()) {
            context.out().println("no updates yet (" + new dev.mosaic.fleet.update.UpdateHistory(context.env().home()).file() + ")");
            return MosaicCli.OK;
        }
        for (UpdateReport r : runs) {
            StringBuilder hosts = new StringBuilder();
            r.hosts().forEach(h -> hosts.append(hosts.length() == 0 ? "" : ", ").append(h.runtime()).append('@')
                    .append(h.host()).append(' ').append(h.from() == null ? "-" : h.from()).append("->").append(h.to())
                    .append(' ').append(h.result()));
            long moved = r.agents().stream().filter(a -> a.result().equals("updated")).count();
            context.out().println(r.id() + "  " + r.startedAt() + "  " + r.actor() + "  " + r.result() + "  " + hosts
                    + "  (" + moved + "/" + r.agents().size() + " agents updated)");
        }
        return MosaicCli.OK;
    }

    @SuppressWarnings("unchecked")
    private static String json(String schema, Object body) throws JsonProcessingException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", schema);
        if (body instanceof List) {
            doc.put("runs", body);
        } else {
            doc.putAll(JSON.convertValue(body, Map.class));
        }
        return JSON.writeValueAsString(doc);
    }
}
