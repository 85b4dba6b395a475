package dev.mosaic.mos.cli.roster;

import org.jspecify.annotations.Nullable;
import dev.mosaic.connector.ConfigField;
import dev.mosaic.fleet.preset.InitPlan;
import dev.mosaic.fleet.preset.Preset;
import dev.mosaic.fleet.preset.Presets;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Names;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.Secrets;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.runtime.RuntimeProfiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The questions of {@code fleet init} (no AI involved). Each answer comes from its flag when
 * given; otherwise from the person at the terminal ({@code prompter}), or — without one — from
 * the default, or the question fails with a usage error naming the flag.
 */
final class InitWizard {

    /** What the wizard decided, and the typed secrets to store before the roster is written. */
    record Result(InitPlan plan, Map<Path, String> secretFiles) {
    }

    private final InitOptions opts;
    private final Prompter prompter;
    private final Presets presets;
    private final RuntimeProfiles runtimes;
    private final Roster current;
    private final String unixUser;
    private final Path secretsDir;
    private final Function<String, RuntimeException> usage;
    private final Map<Path, String> secretFiles = new LinkedHashMap<>();

    InitWizard(InitOptions opts, Prompter prompter, Presets presets, RuntimeProfiles runtimes, Roster current,
               String unixUser, Path secretsDir, Function<String, RuntimeException> usage) {
        this.opts = opts;
        this.prompter = prompter;
        this.presets = presets;
        this.runtimes = runtimes;
        this.current = current;
        this.unixUser = unixUser;
        this.secretsDir = secretsDir;
        this.usage = usage;
    }

    Result run() {
        if (prompter != null) {
            prompter.say("Mos fleet setup. Press Enter to take the [default]; Ctrl-C cancels and writes nothing.");
        }
        Preset preset = presets.get(choosePreset());
        String fleetName = ask("--name", "Fleet name", opts.name,
                current != null ? current.fleet().name() : "mosaic", Names::isValid,
                "use 1-40 lower-case letters, digits, '-' or '_'");
        String workdir = ask("--workdir", "Working directory of the agents", opts.workdir,
                current != null && current.orchestrator().agent().workdir() != null
                        ? current.orchestrator().agent().workdir() : "~", s -> !s.isBlank(), "must not be empty");
        List<AgentSpec> agents = chooseAgents(preset);
        String orchRuntime = chooseRuntime(preset);
        AgentSpec orch = new AgentSpec(preset.orchestrator().name(), AgentSpec.ORCHESTRATOR_ROLE, orchRuntime, workdir,
                null, null, null);
        Map<String, String> ownerIds = new LinkedHashMap<>();
        ownerIds.put("console", unixUser);
        ownerIds.put("web", "owner");
        String connector = chooseConnector();
        Map<String, String> values = new LinkedHashMap<>();
        if (connector != null) {
            values = connectorValues(connector);
            String owner = ownerId(ConnectorFields.available().get(connector));
            if (owner != null) {
                ownerIds.put(connector, owner);
            }
        } else if (opts.ownerId != null) {
            throw usage.apply("--owner-id needs --connector");
        }
        return new Result(new InitPlan(preset.name(), fleetName, workdir, orch, agents, connector, values, ownerIds),
                secretFiles);
    }

    private boolean prompting() {
        return prompter != null && !opts.yes;
    }

    private String choosePreset() {
        if (opts.preset != null) {
            if (!presets.all().containsKey(opts.preset)) {
                throw usage.apply("--preset '" + opts.preset + "' is unknown: use one of "
                        + String.join(", ", presets.all().keySet()));
            }
            return opts.preset;
        }
        String def = current != null && presets.all().containsKey(current.fleet().type()) ? current.fleet().type() : null;
        if (!prompting()) {
            if (def != null) {
                return def;
            }
            throw usage.apply("missing --preset (no terminal to ask on): use one of "
                    + String.join(", ", presets.all().keySet()));
        }
        Map<String, String> choices = new LinkedHashMap<>();
        presets.all().forEach((n, p) -> choices.put(n, p.description()));
        return choose("Configuration type", choices, def != null ? def : "general");
    }

    private List<AgentSpec> chooseAgents(Preset preset) {
        List<String> names = preset.agents().stream().map(AgentSpec::name).toList();
        List<String> keep;
        if (opts.agents != null) {
            keep = opts.agents.size() == 1 && opts.agents.get(0).equals("none") ? List.of() : opts.agents;
            for (String a : keep) {
                if (!names.contains(a)) {
                    throw usage.apply("--agents: '" + a + "' is not an agent of preset " + preset.name() + " (it has "
                            + String.join(", ", names) + ")");
                }
            }
        } else if (!prompting() || names.isEmpty()) {
            keep = names;
        } else {
            prompter.say("Agents of preset " + preset.name() + ":");
            for (AgentSpec a : preset.agents()) {
                prompter.say(String.format("  %-14s %-12s runtime %s", a.name(), a.role(), a.runtime()));
            }
            while (true) {
                String answer = prompter.ask("Agents to keep (comma-separated names, 'all' or 'none')", "all");
                if (answer.equals("all")) {
                    keep = names;
                    break;
                }
                if (answer.equals("none")) {
                    keep = List.of();
                    break;
                }
                List<String> picked = List.of(answer.split("\\s*,\\s*"));
                List<String> unknown = picked.stream().filter(p -> !names.contains(p)).toList();
                if (unknown.isEmpty()) {
                    keep = picked;
                    break;
                }
                prompter.say("  not in this preset: " + String.join(", ", unknown));
            }
        }
        List<AgentSpec> out = new ArrayList<>();
        for (AgentSpec a : preset.agents()) {
            if (keep.contains(a.name())) {
                out.add(a);
            }
        }
        return out;
    }

    private String chooseRuntime(Preset preset) {
        Map<String, RuntimeProfile> known = runtimes.profiles();
        String def = preset.orchestrator().runtime();
        if (opts.orchestratorRuntime != null) {
            if (!known.containsKey(opts.orchestratorRuntime)) {
                throw usage.apply("--orchestrator-runtime '" + opts.orchestratorRuntime + "' is unknown: use one of "
                        + String.join(", ", known.keySet()));
            }
            if (opts.orchestratorRuntime.equals("shell")) {
                throw usage.apply("--orchestrator-runtime shell would run chat text as shell commands: use an AI"
                        + " harness (claude, codex, pi) or demo-orchestrator");
            }
            return opts.orchestratorRuntime;
        }
        if (!prompting()) {
            return def;
        }
        Map<String, String> choices = new LinkedHashMap<>();
        // an interactive shell would run chat text as commands; the roster refuses it as orchestrator
        known.forEach((n, p) -> {
            if (!n.equals("shell")) {
                choices.put(n, p.description());
            }
        });
        return choose("Orchestrator runtime (the AI session Mos bridges chat to)", choices, def);
    }

    private @Nullable String chooseConnector() {
        Map<String, ConnectorFields.Choice> available = ConnectorFields.available();
        String type = opts.connector;
        if (type == null && prompting()) {
            Map<String, String> choices = new LinkedHashMap<>();
            choices.put("none", "No chat connector for now (the CLI and web page still work)");
            available.forEach((n, c) -> choices.put(n, c.description()));
            type = choose("Chat connector", choices, "none");
        }
        if (type == null || type.equals("none")) {
            for (String t : opts.generatedFlags.keySet()) {
                throw usage.apply("--" + t + "-... flags need --connector " + t);
            }
            if (!opts.connectorOpts.isEmpty()) {
                throw usage.apply("--connector-opt needs --connector TYPE");
            }
            return null;
        }
        if (!available.containsKey(type)) {
            throw usage.apply("--connector '" + type + "' is unknown: use none or one of "
                    + String.join(", ", available.keySet()));
        }
        for (String t : opts.generatedFlags.keySet()) {
            if (!t.equals(type)) {
                throw usage.apply("--" + t + "-... flags do not apply to --connector " + type);
            }
        }
        return type;
    }

    /** Your id on the connector's platform, checked by its provider; null to skip. */
    private @Nullable String ownerId(ConnectorFields.Choice choice) {
        String owner = opts.ownerId;
        if (owner != null) {
            owner = owner.strip();
            java.util.Optional<String> expected = choice.checkPrincipalId(owner);
            if (expected.isPresent() && !owner.isEmpty()) {
                throw usage.apply("--owner-id '" + owner + "' is not " + expected.get());
            }
            return owner.isEmpty() ? null : owner;
        }
        if (prompter == null || opts.yes) {
            return null;
        }
        while (true) {
            String answer = prompter.ask("Your own " + choice.type() + " user id, so Mos obeys you there (Enter to skip)",
                    null);
            if (answer == null || answer.isBlank()) {
                return null;
            }
            java.util.Optional<String> expected = choice.checkPrincipalId(answer.strip());
            if (expected.isEmpty()) {
                return answer.strip();
            }
            prompter.say("  '" + answer.strip() + "' is not " + expected.get());
        }
    }

    private Map<String, String> connectorValues(String type) {
        ConnectorFields.Choice choice = ConnectorFields.available().get(type);
        Map<String, String> given = opts.connectorFlags(type);
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigField f : choice.fields()) {
            String v = given.remove(f.key());
            // Only required and secret fields are asked; optional ones (prefix, endpoint overrides)
            // keep their defaults unless given with --connector-opt, so the wizard stays short.
            if (v == null && prompting() && (f.required() || f.secret())) {
                String question = f.prompt() + " (" + f.key() + (f.required() ? "" : ", optional") + ")";
                v = f.secret() ? askSecretSource(type, f) : prompter.ask(question, f.defaultValue());
                while (f.required() && (v == null || v.isBlank())) {
                    prompter.say("  " + f.key() + " is required");
                    v = prompter.ask(question, f.defaultValue());
                }
            }
            if (v == null) {
                v = f.defaultValue();
            }
            if (v == null || v.isBlank()) {
                if (f.required()) {
                    throw usage.apply("missing " + ConnectorFields.flagsFor(type, f) + " for the " + type + " connector ("
                            + f.prompt() + ")");
                }
                continue;
            }
            if (f.secret() && !Secrets.isReference(v)) {
                throw usage.apply(type + " " + f.key() + " must come from an environment variable or a file: use "
                        + ConnectorFields.flagsFor(type, f) + " (a secret never goes on the command line or into the roster)");
            }
            values.put(f.key(), v);
        }
        given.forEach((k, v) -> {
            if (!k.matches("[a-zA-Z][a-zA-Z0-9]*")) {
                throw usage.apply("--connector-opt key '" + k + "' must be camelCase letters and digits");
            }
            values.put(k, v);
        });
        try {
            // the same check the roster gets on every load, said here in terms of flags
            choice.provider().checkConfig(new LinkedHashMap<>(values));
        } catch (dev.mosaic.connector.ConnectorException e) {
            throw usage.apply(e.getMessage() + " (set it with a --" + type + "-... flag or --connector-opt)");
        }
        return values;
    }

    private @Nullable String askSecretSource(String type, ConfigField f) {
        Map<String, String> choices = new LinkedHashMap<>();
        if (!f.required()) {
            choices.put("none", "not needed (it is optional)");
        }
        choices.put("env", "an environment variable holds it (recommended for services)");
        choices.put("file", "a file holds it");
        choices.put("type", "type it now; stored in " + secretsDir + " (mode 0600), never in the roster");
        String how = choose("Where does the " + type + " " + f.key() + " come from? (" + f.prompt() + ")",
                choices, f.required() ? "env" : "none");
        switch (how) {
            case "none" -> {
                return null;
            }
            case "env" -> {
                String def = type.toUpperCase(java.util.Locale.ROOT) + "_" + f.key().toUpperCase(java.util.Locale.ROOT);
                String var = askUntil("Environment variable name", def, s -> s.matches("[A-Za-z_][A-Za-z0-9_]*"),
                        "use letters, digits and '_'");
                return "${env:" + var + "}";
            }
            case "file" -> {
                String path = askUntil("Path of the file", null, s -> s != null && !s.isBlank(), "must not be empty");
                return "${file:" + path + "}";
            }
            default -> {
                String secret = "";
                while (secret.isBlank()) {
                    secret = prompter.askSecret(f.prompt() + " (hidden)");
                }
                Path file = secretsDir.resolve(type + "-" + f.key());
                secretFiles.put(file, secret);
                return "${file:" + file + "}";
            }
        }
    }

    private String ask(String flag, String question, String given, String def, Predicate<String> valid, String rule) {
        if (given != null) {
            if (!valid.test(given)) {
                throw usage.apply(flag + " '" + given + "' is invalid: " + rule);
            }
            return given;
        }
        if (!prompting()) {
            return def;
        }
        return askUntil(question, def, valid, rule);
    }

    private String askUntil(String question, String def, Predicate<String> valid, String rule) {
        while (true) {
            String answer = prompter.ask(question, def);
            if (answer != null && valid.test(answer)) {
                return answer;
            }
            prompter.say("  '" + answer + "' is invalid: " + rule);
        }
    }

    /** A numbered choice, answerable by number or by name. */
    private String choose(String question, Map<String, String> choices, String def) {
        prompter.say(question.endsWith("?") ? question : question + ":");
        List<String> names = new ArrayList<>(choices.keySet());
        int width = names.stream().mapToInt(String::length).max().orElse(8);
        for (int i = 0; i < names.size(); i++) {
            prompter.say(String.format("  %d) %-" + width + "s  %s", i + 1, names.get(i), choices.get(names.get(i))));
        }
        while (true) {
            String answer = prompter.ask("Choose 1-" + names.size() + " or a name", def);
            // at most 9 digits: a longer number is no choice either, never a NumberFormatException
            if (answer != null && answer.matches("\\d{1,9}")) {
                int n = Integer.parseInt(answer);
                if (n >= 1 && n <= names.size()) {
                    return names.get(n - 1);
                }
            } else if (answer != null && choices.containsKey(answer)) {
                return answer;
            }
            prompter.say("  '" + answer + "' is not one of the choices");
        }
    }

}
