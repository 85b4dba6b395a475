package dev.mosaic.mos.cli.roster;

import dev.mosaic.fleet.preset.Presets;
import dev.mosaic.fleet.preset.RosterTemplate;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Comms;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterDocument;
import dev.mosaic.fleet.roster.RosterException;
import dev.mosaic.fleet.roster.RosterMerge;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.mos.cli.CliContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mosaic fleet init}: writes the roster from a preset, asking the questions not answered
 * by flags. On an existing roster it three-way merges the preset into it (base: what init
 * generated last time, kept in {@code .<roster>.base.yaml}), keeps a backup and shows a diff.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create or re-create the fleet roster with a wizard (no AI involved).",
                "Every question has a flag; without a terminal the flags and defaults are used.",
                "On an existing roster the preset is merged in: your agents, edits and comments stay."})
public final class InitCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    InitOptions opts = new InitOptions();

    public InitCommand(CliContext context) {
        this.context = context;
    }

    /** Where init keeps what it generated last time, beside the roster. */
    static Path baseFile(Path roster) {
        String name = roster.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return roster.resolveSibling("." + name + ".base.yaml");
    }

    /**
     * Adds the flags of every installed connector ({@code --discord-guild}, {@code --matrix-token-env}, ...),
     * generated from the fields its provider declares, to {@code init}'s command spec.
     */
    public static void addConnectorOptions(CommandSpec init) {
        ConnectorFields.addOptions(init);
    }

    @Override
    public Integer call() {
        opts.generatedFlags = ConnectorFields.given(spec.commandLine().getParseResult());
        RosterStore store = context.rosterStore();
        Presets presets = Presets.load(context.env().presetsDir());
        Roster current = store.exists() ? store.load() : null;
        boolean prompt = context.interactive() && !opts.yes;
        String user = context.environment().getOrDefault("USER", context.userHome().getFileName() == null ? "user"
                : context.userHome().getFileName().toString());
        InitWizard.Result result;
        try (Prompter prompter = prompt ? new JLinePrompter() : null) {
            result = new InitWizard(opts, prompter, presets, store.runtimes(), current, user,
                    context.env().secretsDir(), msg -> new ParameterException(spec.commandLine(), msg)).run();
            String theirs = withComms(keepConnectors(RosterTemplate.render(result.plan()), current, result.plan()));
            if (current == null) {
                return create(store, theirs, result, prompter);
            }
            return merge(store, theirs, result, prompter);
        }
    }

    /**
     * On an existing roster, the generated one also holds the connectors this run does not set up,
     * and the owner's ids on their platforms, so the merge keeps them: a second
     * {@code init --connector slack} adds Slack beside Discord instead of replacing it.
     */
    private static String keepConnectors(String text, Roster current, dev.mosaic.fleet.preset.InitPlan plan) {
        if (current == null) {
            return text;
        }
        RosterDocument doc = RosterDocument.parse(text, "the generated roster");
        boolean changed = false;
        for (Map.Entry<String, Map<String, Object>> c : current.orchestrator().connectors().entrySet()) {
            if (c.getKey().equals(plan.connectorType())) {
                continue;
            }
            for (Map.Entry<String, Object> v : c.getValue().entrySet()) {
                if (v.getValue() != null) {
                    Object value = v.getValue();
                    doc.setConnectorValue(c.getKey(), v.getKey(), value instanceof java.util.List<?> l
                            ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(value));
                    changed = true;
                }
            }
        }
        dev.mosaic.fleet.roster.Principal owner = current.principals().get("owner");
        if (owner != null) {
            Map<String, String> ids = new LinkedHashMap<>(plan.ownerIds());
            owner.ids().forEach(ids::putIfAbsent);
            if (!ids.equals(plan.ownerIds())) {
                doc.setPrincipal("owner", dev.mosaic.fleet.roster.Role.ADMIN, ids);
                changed = true;
            }
        }
        return changed ? doc.toYaml() : text;
    }

    /** Applies {@code --comms} to the generated roster; matrix needs the matrix connector. */
    private String withComms(String text) {
        if (opts.comms == null) {
            return text;
        }
        Comms mode;
        try {
            mode = Comms.parse(opts.comms.toLowerCase(java.util.Locale.ROOT));
        } catch (RosterException e) {
            throw new ParameterException(spec.commandLine(), "--comms: '" + opts.comms + "' is not a mode; use tmux"
                    + " or matrix");
        }
        RosterDocument doc = RosterDocument.parse(text, "the generated roster");
        doc.setComms(mode);
        String out = doc.toYaml();
        if (mode == Comms.MATRIX && !context.rosterStore().validate(out).orchestrator().connectors()
                .containsKey("matrix")) {
            throw new ParameterException(spec.commandLine(), "--comms matrix needs the Matrix connector: add"
                    + " --connector matrix (with --matrix-homeserver, --matrix-user-id, --matrix-token-env ...)");
        }
        return out;
    }

    private int create(RosterStore store, String text, InitWizard.Result result, Prompter prompter) {
        Roster roster = store.validate(text);
        if (opts.dryRun) {
            context.out().println("# dry run: would write " + store.file());
            context.out().print(text);
            return 0;
        }
        if (prompter != null) {
            prompter.say("");
            prompter.say(summary(roster));
            if (!confirm(prompter, "Write " + store.file() + "?")) {
                context.out().println("Nothing written.");
                return 1;
            }
        }
        result.secretFiles().forEach(SecretFiles::write);
        store.create(text);
        writeBase(store.file(), text);
        audit("created", roster);
        context.out().println("Wrote " + store.file() + " (" + roster.allAgents().size() + " agents, orchestrator "
                + roster.orchestrator().agent().name() + "). Next: mosaic fleet start");
        return 0;
    }

    private int merge(RosterStore store, String theirs, InitWizard.Result result, Prompter prompter) {
        String ours = store.read();
        Path baseFile = baseFile(store.file());
        String base = null;
        if (Files.exists(baseFile)) {
            try {
                base = Files.readString(baseFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RosterException("cannot read " + baseFile + ": " + e.getMessage(), e);
            }
        }
        String merged = RosterMerge.merge(base, ours, theirs, store.file().toString());
        Roster roster = store.validate(merged);
        String diff = UnifiedDiff.diff(ours, merged, store.file() + " (now)", store.file() + " (after init)");
        if (opts.dryRun) {
            context.out().print(diff.isEmpty() ? "No change to " + store.file() + "\n" : diff);
            return 0;
        }
        if (diff.isEmpty()) {
            writeBase(store.file(), theirs);
            context.out().println("No change to " + store.file());
            return 0;
        }
        if (prompter != null) {
            prompter.say(diff);
            if (!confirm(prompter, "Apply these changes to " + store.file() + "?")) {
                context.out().println("Nothing written.");
                return 1;
            }
        }
        result.secretFiles().forEach(SecretFiles::write);
        Path backup = store.file().resolveSibling(store.file().getFileName() + ".bak-"
                + STAMP.format(context.clock().instant()));
        store.replace(merged, backup, ours);
        writeBase(store.file(), theirs);
        audit("merged", roster);
        context.out().println("Updated " + store.file() + " (previous version kept as " + backup.getFileName() + ")");
        return 0;
    }

    private static boolean confirm(Prompter prompter, String question) {
        while (true) {
            String a = prompter.ask(question + " [Y/n]", null);
            a = a == null ? "" : a.toLowerCase(java.util.Locale.ROOT);
            if (a.isEmpty() || a.equals("y") || a.equals("yes")) {
                return true;
            }
            if (a.equals("n") || a.equals("no")) {
                return false;
            }
        }
    }

    private static String summary(Roster r) {
        StringBuilder s = new StringBuilder("Fleet " + r.fleet().name() + " (" + r.fleet().type() + "):\n");
        for (AgentSpec a : r.allAgents()) {
            s.append(String.format("  %-14s %-12s %s%n", a.name(), a.role(), a.runtime()));
        }
        r.orchestrator().connectors().keySet().forEach(c -> s.append("  connector: ").append(c).append('\n'));
        return s.toString().stripTrailing();
    }

    private static void writeBase(Path roster, String text) {
        RosterStore.writeAtomically(baseFile(roster), text);
    }

    private void audit(String result, Roster roster) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("preset", roster.fleet().type());
        details.put("agents", roster.allAgents().stream().map(AgentSpec::name).toList());
        context.audit("fleet.init", roster.fleet().name(), result, details);
    }
}
