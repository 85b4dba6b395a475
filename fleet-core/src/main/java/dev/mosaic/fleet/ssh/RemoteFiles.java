package dev.mosaic.fleet.ssh;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Text files moved to and from a remote host in one call each, by fixed scripts that take the
 * paths as arguments ({@code "$@"}) and the contents on stdin: no path or content is ever read as
 * shell text. Writes land in a temp directory first and are moved into place (atomic per file),
 * with mode 0600 (0755 for executables) in directories created 0700.
 */
public final class RemoteFiles {

    /** Relative paths: plain segments (no {@code .} or {@code ..}, none starting with {@code -}). */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9._-]{0,99}");
    private static final String MARK = "\u001emosaic-file";

    /**
     * Splits stdin at {@link #MARK} lines into numbered temp files (one awk, no process per file),
     * then moves file N to the N-th path argument; a path starting with {@code +} is made executable.
     * An argument {@code @PATH@TARGET} is a link (no stdin part): PATH is made a symbolic link to
     * {@code $HOME/TARGET} when that file exists and PATH does not.
     */
    static final String WRITE = """
            set -e; umask 077; r="$HOME/.local/share/mosaic"; mkdir -p "$r/run" "$r/home"
            t=$(mktemp -d "$r/.write.XXXXXX")
            awk -v d="$t" '$0 == "\\036mosaic-file" { if (out != "") close(out); n++; out = d "/" n; printf "" > out; next }
              { print > out }'
            i=0
            for f; do
              case "$f" in @*)
                l=${f#@}; p=${l%%@*}; s="$HOME/${l#*@}"
                if [ -f "$s" ] && [ ! -e "$r/$p" ] && [ ! -L "$r/$p" ]; then mkdir -p "$r/${p%/*}"; ln -s "$s" "$r/$p"; fi
                continue ;;
              esac
              i=$((i + 1)); x=${f#+}
              [ "$x" = "$f" ] || chmod 755 "$t/$i"
              case "$x" in */*) mkdir -p "$r/${x%/*}" ;; esac
              mv -f "$t/$i" "$r/$x"
            done
            rmdir "$t"
            """;

    /** Prints each file under {@code $HOME} named by an argument after a header line (at most 256 KiB each). */
    static final String READ = """
            for f; do
              printf '\\036%s\\n' "$f"
              [ -f "$HOME/$f" ] && head -c 262144 "$HOME/$f"
              printf '\\n'
            done
            exit 0
            """;

    /** Removes the heartbeat and pending request of each agent named by an argument, in the run dir. */
    static final String REMOVE_AGENT_FILES = """
            cd "$HOME/.local/share/mosaic/run" 2>/dev/null || exit 0
            for a; do rm -f "./$a.heartbeat" "./$a.request.json"; done
            """;

    private RemoteFiles() {
    }

    /**
     * A file to write: its path under {@code ~/.local/share/mosaic}, its text, and whether it is a
     * program; or, with {@code linkTo} (a path under the remote {@code $HOME}), a symbolic link to
     * that file, made only when the file exists there and the path is free.
     */
    public record File(String path, String content, boolean executable, String linkTo) {
        public File {
            requirePlain(path);
            if (linkTo != null) {
                requirePlain(linkTo);
            }
            if (("\n" + content + "\n").contains("\n" + MARK + "\n")) {
                throw new IllegalArgumentException("remote file " + path + " contains Mos's file separator line");
            }
        }

        public File(String path, String content, boolean executable) {
            this(path, content, executable, null);
        }

        /** {@code path} as a link to {@code targetUnderHome} (e.g. the user's own login file there). */
        public static File link(String path, String targetUnderHome) {
            return new File(path, "", false, targetUnderHome);
        }
    }

    static String requirePlain(String path) {
        for (String seg : path.split("/", -1)) {
            if (!SEGMENT.matcher(seg).matches() || seg.equals(".") || seg.equals("..")) {
                throw new IllegalArgumentException("remote file path '" + path + "' is not a plain relative path");
            }
        }
        return path;
    }

    /** The argv tail (paths) of {@link #WRITE} for {@code files}. */
    static List<String> writeArgs(List<File> files) {
        return files.stream().map(f -> f.linkTo() != null ? "@" + f.path() + "@" + f.linkTo()
                : (f.executable() ? "+" : "") + f.path()).toList();
    }

    /** The stdin of {@link #WRITE}: each file after a mark line, every line ended by a newline. */
    static String writeInput(List<File> files) {
        StringBuilder sb = new StringBuilder();
        for (File f : files) {
            if (f.linkTo() != null) {
                continue; // a link has no content
            }
            sb.append(MARK).append('\n').append(f.content());
            if (!f.content().isEmpty() && !f.content().endsWith("\n")) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    public static File of(String path, byte[] content, boolean executable) {
        return new File(path, new String(content, StandardCharsets.UTF_8), executable);
    }

    /** {@link #READ}'s answer: each asked path's content ({@code ""} when missing). */
    static Map<String, String> parseRead(List<String> paths, String out) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String rec : out.split("\u001e", -1)) {
            int nl = rec.indexOf('\n');
            if (nl < 0) {
                continue;
            }
            String path = rec.substring(0, nl);
            if (paths.contains(path)) {
                String body = rec.substring(nl + 1);
                files.put(path, body.endsWith("\n") ? body.substring(0, body.length() - 1) : body); // READ's own newline
            }
        }
        paths.forEach(p -> files.putIfAbsent(p, ""));
        return files;
    }
}
