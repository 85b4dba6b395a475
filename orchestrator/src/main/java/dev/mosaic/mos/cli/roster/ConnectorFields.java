package dev.mosaic.mos.cli.roster;

import org.jspecify.annotations.Nullable;
import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.mos.service.ProviderCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The chat connectors {@code fleet init} can set up, their questions and their flags — all
 * generated from the {@link ConnectorProvider}s on the class path, so a connector in a jar of its
 * own gets its wizard questions and {@code --<type>-<key>} flags with no change here.
 *
 * <p>A plain field {@code guild} of {@code discord} becomes {@code --discord-guild VALUE}; a
 * secret field {@code token} becomes {@code --discord-token-env VAR} and
 * {@code --discord-token-file PATH}, so a secret never appears on the command line or in the
 * roster. {@code console} needs no setup (its user is the login name) and is not offered.
 */
final class ConnectorFields {

    /** A connector the wizard can set up. */
    record Choice(String type, String description, List<ConfigField> fields, ConnectorProvider provider) {

        /** Empty when {@code id} is an acceptable principal id on this platform, else what is expected. */
        Optional<String> checkPrincipalId(String id) {
            try {
                return provider.checkPrincipalId(id);
            } catch (RuntimeException e) {
                return Optional.empty(); // the roster validation reports a broken check
            }
        }
    }

    /** Connector types that need no setup by init. */
    private static final List<String> NOT_OFFERED = List.of("console");

    private ConnectorFields() {
    }

    /** The connectors on the class path that init offers, by type, sorted. */
    static Map<String, Choice> available() {
        ProviderCatalog catalog = ProviderCatalog.installed();
        Map<String, Choice> out = new LinkedHashMap<>();
        catalog.types().stream().sorted().filter(t -> !NOT_OFFERED.contains(t)).forEach(type -> {
            ConnectorProvider p = catalog.get(type).orElseThrow();
            try {
                out.put(type, new Choice(type, p.description(), List.copyOf(p.configFields()), p));
            } catch (RuntimeException e) {
                // a broken connector module must not break init; the others are still offered
            }
        });
        return out;
    }

    /** The flag of a plain field, e.g. {@code --discord-channel}, {@code --matrix-user-id}. */
    static String flag(String type, String key) {
        return "--" + type + "-" + key.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /** How a usage message tells the person to give {@code f}. */
    static String flagsFor(String type, ConfigField f) {
        if (f.secret()) {
            return flag(type, f.key()) + "-env VAR or " + flag(type, f.key()) + "-file PATH";
        }
        return flag(type, f.key()) + " VALUE";
    }

    /**
     * Adds every offered connector's flags to {@code init}'s command spec. A generated name that
     * an option already has (a hand-written one, or another connector's) is left out: that field
     * can still be given with {@code --connector-opt KEY=VALUE}.
     */
    static void addOptions(CommandSpec spec) {
        available().forEach((type, c) -> {
            for (ConfigField f : c.fields()) {
                String what = "[" + type + "] " + f.prompt();
                if (f.secret()) {
                    add(spec, flag(type, f.key()) + "-env", "VAR", what + ": the environment variable holding it.");
                    add(spec, flag(type, f.key()) + "-file", "PATH", what + ": the file holding it.");
                } else {
                    String label = f.key().replaceAll("([A-Z])", "_$1").toUpperCase(Locale.ROOT);
                    add(spec, flag(type, f.key()), label, what + (f.defaultValue() == null ? "."
                            : " (default: " + f.defaultValue() + ")."));
                }
            }
        });
    }

    private static void add(CommandSpec spec, String name, String label, String description) {
        if (spec.findOption(name) == null) {
            // picocli expands ${...} in descriptions (a prompt's "${env:TOKEN}" would print as null)
            spec.addOption(OptionSpec.builder(name).paramLabel(label).type(String.class)
                    .description(description.replace("${", "$${")).build());
        }
    }

    /**
     * The roster values the generated flags give, by connector type: plain values as typed,
     * secrets as {@code ${env:VAR}} / {@code ${file:PATH}} references.
     */
    static Map<String, Map<String, String>> given(ParseResult parsed) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        available().forEach((type, c) -> {
            Map<String, String> values = new LinkedHashMap<>();
            for (ConfigField f : c.fields()) {
                if (f.secret()) {
                    String env = value(parsed, type, flag(type, f.key()) + "-env");
                    String file = value(parsed, type, flag(type, f.key()) + "-file");
                    if (env != null) {
                        values.put(f.key(), "${env:" + env + "}");
                    }
                    if (file != null) {
                        values.put(f.key(), "${file:" + file + "}");
                    }
                } else {
                    String v = value(parsed, type, flag(type, f.key()));
                    if (v != null) {
                        values.put(f.key(), v);
                    }
                }
            }
            if (!values.isEmpty()) {
                out.put(type, values);
            }
        });
        return out;
    }

    /** The value of flag {@code name} when given and generated for {@code type} (not a same-named other one). */
    private static @Nullable String value(ParseResult parsed, String type, String name) {
        if (parsed == null || !parsed.hasMatchedOption(name)) {
            return null;
        }
        OptionSpec o = parsed.matchedOption(name);
        return o.description().length > 0 && o.description()[0].startsWith("[" + type + "] ")
                ? parsed.matchedOptionValue(name, (String) null) : null;
    }
}
