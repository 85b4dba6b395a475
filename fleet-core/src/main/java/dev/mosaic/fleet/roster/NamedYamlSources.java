package dev.mosaic.fleet.roster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named YAML texts that ship on the classpath ({@code <dir>/index.txt} lists the names of
 * {@code <dir>/<name>.yaml}) and that a user adds or shadows with {@code <userDir>/<name>.yaml}.
 * Presets and runtime profiles both come this way. Classpath texts never change while the JVM runs,
 * so they are read once; the user directory is read on every call.
 */
public final class NamedYamlSources {

    /** One text and where it came from ({@code classpath:...} or a file path), for error messages. */
    public record Source(String name, String text, String where) {
    }

    private static final Map<String, List<Source>> SHIPPED = new ConcurrentHashMap<>();

    private NamedYamlSources() {
    }

    /**
     * The shipped texts of {@code classpathDir} (e.g. {@code mosaic/presets/}) followed by the user's
     * from {@code userDir} (may be {@code null} or missing), keyed by name; a user text replaces the
     * shipped one of the same name.
     */
    public static Map<String, Source> load(String classpathDir, Path userDir) {
        Map<String, Source> all = new LinkedHashMap<>();
        for (Source s : SHIPPED.computeIfAbsent(classpathDir, NamedYamlSources::readShipped)) {
            all.put(s.name(), s);
        }
        if (userDir != null && Files.isDirectory(userDir)) {
            Map<String, Path> files = new TreeMap<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(userDir, "*.yaml")) {
                ds.forEach(p -> files.put(p.getFileName().toString().replaceFirst("\\.yaml$", ""), p));
            } catch (IOException e) {
                throw new RosterException("cannot list " + userDir + ": " + e.getMessage(), e);
            }
            for (Map.Entry<String, Path> f : files.entrySet()) {
                try {
                    all.put(f.getKey(), new Source(f.getKey(), Files.readString(f.getValue(), StandardCharsets.UTF_8),
                            f.getValue().toString()));
                } catch (IOException e) {
                    throw new RosterException("cannot read " + f.getValue() + ": " + e.getMessage(), e);
                }
            }
        }
        return all;
    }

    private static List<Source> readShipped(String dir) {
        ClassLoader cl = NamedYamlSources.class.getClassLoader();
        List<Source> out = new ArrayList<>();
        for (String name : classpathIndex(cl, dir + "index.txt")) {
            String resource = dir + name + ".yaml";
            try (InputStream in = cl.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new RosterException("classpath:" + resource + " is listed in index.txt but missing");
                }
                out.add(new Source(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource));
            } catch (IOException e) {
                throw new RosterException("cannot read classpath:" + resource + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    /** Lines of a classpath index file (names, one per line, '#' comments); empty when absent. */
    static List<String> classpathIndex(ClassLoader cl, String resource) {
        List<String> names = new ArrayList<>();
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                return names;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String n = line.strip();
                if (!n.isEmpty() && !n.startsWith("#")) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            throw new RosterException("cannot read classpath:" + resource + ": " + e.getMessage(), e);
        }
        return names;
    }
}
