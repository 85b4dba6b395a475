package dev.mosaic.mos.cli.engine.internal;

import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.Secrets;
import dev.mosaic.mos.cli.engine.internal.Checks.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret checks of {@code fleet verify}: {@code mos.env} is private, and each connector secret
 * the roster refers to can be found where it is used. An {@code ${env:NAME}} reference is a matter
 * of the service's environment (mos.env), not of the shell running verify: missing there is a
 * warning that names the file; a {@code ${file:PATH}} that cannot be read is a failure anywhere.
 */
final class SecretChecks {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:\\s*([^}\\s]+)\\s*}");

    private final MosaicEnv env;
    private final Map<String, String> environment;

    SecretChecks(MosaicEnv env, Map<String, String> environment) {
        this.env = env;
        this.environment = environment;
    }

    List<Check> run(Roster roster) {
        List<Check> out = new ArrayList<>();
        Path file = ServiceEnvFile.path(env);
        boolean exists = Files.isRegularFile(file);
        Map<String, String> service = Map.of();
        if (exists) {
            String mode = ServiceEnvFile.mode(file);
            out.add(ServiceEnvFile.isPrivate(file) ? new Check("ok", file + " is private (" + mode + ")", null)
                    : new Check("fail", file + " holds secrets and is readable by others (" + mode + ")",
                    "chmod 600 " + file));
            try {
                service = ServiceEnvFile.read(file);
            } catch (MosaicException e) {
                out.add(new Check("fail", e.getMessage(), "chmod 600 " + file + " (owned by you)"));
            }
        }
        Map<String, String> inFile = service;
        eachReference(roster, (where, ref) -> out.add(check(where, ref, file, exists, inFile)));
        return out;
    }

    private Check check(String where, String ref, Path file, boolean exists, Map<String, String> inFile) {
        Matcher m = ENV_REF.matcher(ref);
        if (!m.matches()) {
            try {
                Secrets.resolve(ref, environment);
                return new Check("ok", "secret " + ref + " (" + where + ") can be read", null);
            } catch (MosaicException e) {
                return new Check("fail", where + ": " + e.getMessage(), "create the file, readable only by you");
            }
        }
        String name = m.group(1);
        boolean inShell = !environment.getOrDefault(name, "").isEmpty();
        String shell = inShell ? " (this shell has it, but the systemd service does not read your shell)" : "";
        if (!exists) {
            return new Check("warn", "secret " + ref + " (" + where + "): there is no " + file
                    + ", where the service gets it" + shell,
                    "'mosaic fleet install' creates it (mode 0600); then add " + name + "=<value>");
        }
        if (inFile.getOrDefault(name, "").isEmpty()) {
            return new Check("warn", "secret " + ref + " (" + where + ") is not set in " + file
                    + ", where the service gets it" + shell,
                    "add " + name + "=<value> to " + file + ", then 'systemctl --user restart mosaic-mos'");
        }
        return new Check("ok", "secret " + ref + " (" + where + ") is set in " + file, null);
    }

    /** Every secret reference among the connector settings, with where it sits ({@code connectors.discord.token}). */
    static void eachReference(Roster roster, BiConsumer<String, String> visit) {
        // connector types in name order: the roster's map keeps no order, the report should
        new java.util.TreeMap<>(roster.orchestrator().connectors()).forEach((type, block) ->
                block.forEach((key, value) -> walk("connectors." + type + "." + key, value, visit)));
    }

    private static void walk(String where, Object value, BiConsumer<String, String> visit) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(where + "." + k, v, visit));
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> walk(where, v, visit));
        } else if (value instanceof String s && Secrets.isReference(s)) {
            visit.accept(where, s);
        }
    }
}
