package dev.mosaic.fleet.runtime;

import dev.mosaic.fleet.roster.CommandLine;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.NamedYamlSources;
import dev.mosaic.fleet.roster.RosterException;
import dev.mosaic.fleet.roster.RosterYaml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The known runtime profiles: the ones shipped in the presets module
 * ({@code mosaic/runtimes/<name>.yaml} on the classpath, listed in {@code mosaic/runtimes/index.txt}),
 * shadowed or extended by {@code <userPresetsDir>/runtimes/<name>.yaml}, and finally by the
 * roster's own {@code runtimes:} block (see {@link #resolve}).
 *
 * <p>A profile file is a mapping with the keys in {@link #KEYS}; {@code command} and
 * {@code updateCommand} are argv lists (or one string split by {@link CommandLine#split}, never
 * given to a shell).
 */
public final class RuntimeProfiles {

    /** The keys a runtime profile mapping may have. */
    public static final Set<String> KEYS = Set.of("command", "env", "enterDelayMs", "updateCommand", "readyPattern",
            "description", "harness", "nativeHeartbeat", "screen", "prefix", "bin", "versionCommand", "latestCommand",
            "installCommand", "resume");

    static final String CLASSPATH_DIR = "mosaic/runtimes/";

    private final Map<String, RuntimeProfile> profiles;

    private RuntimeProfiles(Map<String, RuntimeProfile> profiles) {
        this.profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    }

    /** The shipped profiles only (no user directory). */
    public static RuntimeProfiles shipped() {
        return load(null);
    }

    /**
     * Shipped classpath profiles plus {@code userPresetsDir/runtimes/*.yaml} (which add or shadow);
     * {@code userPresetsDir} may be {@code null} or missing.
     *
     * @throws RosterException naming the file and line of a bad profile
     */
    public static RuntimeProfiles load(Path userPresetsDir) {
        Map<String, RuntimeProfile> all = new LinkedHashMap<>();
        NamedYamlSources.load(CLASSPATH_DIR, userPresetsDir == null ? null : userPresetsDir.resolve("runtimes"))
                .forEach((name, src) -> all.put(name, parse(name, src.text(), src.where())));
        return new RuntimeProfiles(all);
    }

    private static RuntimeProfile parse(String name, String text, String where) {
        Object plain = RosterYaml.plain(RosterYaml.compose(text, where));
        if (!(plain instanceof Map<?, ?> map)) {
            throw new RosterException(where + ":1: runtime profile '" + name + "' must be a mapping");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            return overlay(null, name, fields);
        } catch (RosterException e) {
            throw new RosterException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * A profile from plain YAML values: {@code fields} over {@code base} (a shipped profile the
     * roster overrides, or {@code null} for a new one).
     *
     * @throws RosterException naming the runtime and the bad key or value
     */
    public static RuntimeProfile overlay(RuntimeProfile base, String name, Map<String, Object> fields) {
        for (String key : fields.keySet()) {
            if (!KEYS.contains(key)) {
                throw new RosterException("runtime '" + name + "' has an unknown key '" + key + "': use one of "
                        + KEYS.stream().sorted().toList());
            }
        }
        List<String> command = fields.containsKey("command") ? argv(name, "command", fields.get("command"))
                : base == null ? null : base.command();
        if (command == null || command.isEmpty()) {
            throw new RosterException("runtime '" + name + "' needs a command (an argv list such as [claude])");
        }
        Map<String, String> env = new LinkedHashMap<>(base == null ? Map.of() : base.env());
        if (fields.get("env") instanceof Map<?, ?> e) {
            e.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (fields.containsKey("env") && fields.get("env") != null) {
            throw new RosterException("runtime '" + name + "': env must be a mapping of NAME: value");
        }
        Duration delay = base == null ? Duration.ZERO : base.enterDelay();
        if (fields.containsKey("enterDelayMs")) {
            Object v = fields.get("enterDelayMs");
            try {
                long ms = Long.parseLong(String.valueOf(v).strip());
                if (ms < 0 || ms > 60_000) {
                    throw new NumberFormatException();
                }
                delay = Duration.ofMillis(ms);
            } catch (NumberFormatException ex) {
                throw new RosterException("runtime '" + name + "': enterDelayMs '" + v
                        + "' must be a whole number of milliseconds from 0 to 60000");
            }
        }
        List<String> update = fields.containsKey("updateCommand") ? (fields.get("updateCommand") == null ? List.of()
                : argv(name, "updateCommand", fields.get("updateCommand")))
                : base == null ? List.of() : base.updateCommand();
        String ready = fields.containsKey("readyPattern") ? str(fields.get("readyPattern"))
                : base == null ? null : base.readyPattern();
        if (ready != null) {
            try {
                java.util.regex.Pattern.compile(ready);
            } catch (java.util.regex.PatternSyntaxException ex) {
                throw new RosterException("runtime '" + name + "': readyPattern '" + ready + "' is not a valid regular"
                        + " expression: " + ex.getDescription());
            }
        }
        String description = fields.containsKey("description") ? str(fields.get("description"))
                : base == null ? null : base.description();
        String harness = fields.containsKey("harness") ? str(fields.get("harness")) : base == null ? null : base.harness();
        boolean nativeBeat = fields.containsKey("nativeHeartbeat")
                ? Boolean.parseBoolean(String.valueOf(fields.get("nativeHeartbeat")).strip())
                : base != null && base.nativeHeartbeat();
        ScreenPatterns screen = base == null ? null : base.screen();
        if (fields.get("screen") instanceof Map<?, ?> sm) {
            Map<String, String> pats = new LinkedHashMap<>(screen == null ? Map.of() : screen.asMap());
            sm.forEach((k, v) -> pats.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
            try {
                screen = ScreenPatterns.of(pats);
            } catch (IllegalArgumentException ex) {
                throw new RosterException("runtime '" + name + "': " + ex.getMessage());
            }
        } else if (fields.containsKey("screen") && fields.get("screen") != null) {
            throw new RosterException("runtime '" + name + "': screen must be a mapping of state: pattern");
        }
        InstallSpec in = base == null ? InstallSpec.NONE : base.install();
        try {
            in = new InstallSpec(
                    fields.containsKey("prefix") ? str(fields.get("prefix")) : in.prefix(),
                    fields.containsKey("bin") ? str(fields.get("bin")) : in.bin(),
                    optionalArgv(name, "versionCommand", fields, in.versionCommand()),
                    optionalArgv(name, "latestCommand", fields, in.latestCommand()),
                    optionalArgv(name, "installCommand", fields, in.installCommand()),
                    optionalArgv(name, "resume", fields, in.resume()));
        } catch (IllegalArgumentException ex) {
            throw new RosterException("runtime '" + name + "': " + ex.getMessage());
        }
        try {
            return new RuntimeProfile(name, command, env, delay, update, ready, description, harness, nativeBeat, screen,
                    in);
        } catch (IllegalArgumentException ex) {
            throw new RosterException(ex.getMessage());
        }
    }

    /** An argv-valued key: absent keeps {@code base}, null or {@code []} clears it. */
    private static List<String> optionalArgv(String name, String key, Map<String, Object> fields, List<String> base) {
        if (!fields.containsKey(key)) {
            return base;
        }
        Object v = fields.get(key);
        return v == null || (v instanceof List<?> l && l.isEmpty()) ? List.of() : argv(name, key, v);
    }

    private static String str(Object v) {
        return v == null ? null : String.valueOf(v);
    }

    private static List<String> argv(String name, String key, Object value) {
        if (value instanceof String s) {
            return CommandLine.split(s);
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (o == null || o instanceof Map || o instanceof List) {
                    throw new RosterException("runtime '" + name + "': " + key + " must be a list of words");
                }
                out.add(String.valueOf(o));
            }
            return out;
        }
        throw new RosterException("runtime '" + name + "': " + key + " must be a non-empty argv list such as [claude]");
    }

    /** The profiles known before the roster's {@code runtimes:} block applies, by name. */
    public Map<String, RuntimeProfile> profiles() {
        return profiles;
    }

    /** The base profile {@code name} (no roster overrides), or {@code null}. */
    public RuntimeProfile base(String name) {
        return profiles.get(name);
    }

    /**
     * The effective profile {@code name}: the roster's {@code runtimes:} entry (already merged over
     * the shipped one when the roster was loaded), else the shipped or user profile.
     *
     * @throws RosterException when no such runtime exists, listing the known ones
     */
    public RuntimeProfile resolve(Roster roster, String name) {
        RuntimeProfile p = roster == null ? null : roster.runtimes().get(name);
        if (p == null) {
            p = profiles.get(name);
        }
        if (p == null) {
            throw new RosterException("runtime '" + name + "' is unknown: use one of " + String.join(", ", names(roster)));
        }
        return p;
    }

    /** Every runtime name an agent of {@code roster} may use (shipped, user, roster), in that order. */
    public Set<String> names(Roster roster) {
        Set<String> names = new LinkedHashSet<>(profiles.keySet());
        if (roster != null) {
            names.addAll(roster.runtimes().keySet());
        }
        return Collections.unmodifiableSet(names);
    }
}
