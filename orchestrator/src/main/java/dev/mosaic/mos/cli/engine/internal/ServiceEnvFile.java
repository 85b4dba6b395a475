package dev.mosaic.mos.cli.engine.internal;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.roster.Roster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $MOSAIC_HOME/mos.env}: the environment of the systemd service ({@code EnvironmentFile=}),
 * where the connector secrets the roster names as {@code ${env:NAME}} get their values. A shell
 * that runs {@code fleet config} or {@code fleet verify} need not export them; the service does.
 * The file is the user's: written once from a template (mode 0600), never overwritten.
 */
public final class ServiceEnvFile {

    public static final String FILE_NAME = "mos.env";
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:\\s*([^}\\s]+)\\s*}");
    private static final Pattern LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=(.*)$");

    private ServiceEnvFile() {
    }

    /** {@code $MOSAIC_HOME/mos.env}. */
    public static Path path(MosaicEnv env) {
        return env.home().resolve(FILE_NAME);
    }

    /**
     * The unit line: {@code EnvironmentFile=-%h/.config/mosaic/mos.env} for the default
     * {@code MOSAIC_HOME} (so the unit reads as the docs say), else the absolute path. The leading
     * {@code -} lets the service start without the file (a fleet with no secrets).
     */
    public static String unitLine(MosaicEnv env, Path userHome) {
        Path file = path(env).toAbsolutePath().normalize();
        Path home = userHome.toAbsolutePath().normalize();
        String where = file.startsWith(home) ? "%h/" + home.relativize(file) : file.toString();
        return "EnvironmentFile=-" + where;
    }

    /** The variable names the roster's {@code ${env:NAME}} references use (connector settings), in order. */
    public static Set<String> referencedNames(Roster roster) {
        Set<String> names = new LinkedHashSet<>();
        SecretChecks.eachReference(roster, (where, ref) -> {
            Matcher m = ENV_REF.matcher(ref);
            if (m.matches()) {
                names.add(m.group(1));
            }
        });
        return names;
    }

    /** The commented template: one empty {@code NAME=} line per secret the roster refers to. */
    public static String template(Collection<String> names) {
        StringBuilder b = new StringBuilder()
                .append("# Environment of the Mos systemd service (mosaic-mos.service reads it with EnvironmentFile=).\n")
                .append("# The roster refers to connector secrets as ${env:NAME}; put their values here, one NAME=value\n")
                .append("# per line, no quotes, no spaces around '='. Keep this file private (mode 0600): it holds tokens.\n")
                .append("# After an edit: systemctl --user restart mosaic-mos. Check with: mosaic fleet verify\n")
                .append("# Other variables the service should see (PATH for agent runtimes, JAVA_HOME, MOSAIC_WEB_PORT)\n")
                .append("# may go here too.\n");
        if (names.isEmpty()) {
            b.append("#\n# The roster refers to no ${env:...} secret yet.\n");
        }
        for (String n : names) {
            b.append('\n').append(n).append("=\n");
        }
        return b.toString();
    }

    /** Writes the template with mode 0600 unless the file exists; true when it was written. */
    public static boolean createIfAbsent(Path file, Collection<String> names) {
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException exists) {
            return false;
        } catch (IOException e) {
            throw new FleetException("cannot create " + file + ": " + e.getMessage(), e);
        }
        try {
            Files.writeString(file, template(names), StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            throw new FleetException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The assignments in the file, as systemd reads them ({@code NAME=value}; {@code #} and
     * {@code ;} comment lines; surrounding quotes removed).
     */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FleetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            Matcher m = LINE.matcher(t);
            if (m.matches()) {
                String v = m.group(2).strip();
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                values.put(m.group(1), v);
            }
        }
        return values;
    }

    /** The file's mode as {@code rw-------}, or null when it cannot be read. */
    public static @Nullable String mode(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** True when only the owner may read or write it (0600 or 0400). */
    public static boolean isPrivate(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.equals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))
                    || p.equals(Set.of(PosixFilePermission.OWNER_READ));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
