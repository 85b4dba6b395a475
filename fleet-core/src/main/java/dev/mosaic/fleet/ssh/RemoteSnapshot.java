package dev.mosaic.fleet.ssh;

import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.roster.Names;
import dev.mosaic.fleet.tmux.PaneInfo;
import dev.mosaic.fleet.tmux.Tmux;
import dev.mosaic.fleet.tmux.TmuxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ps} needs from a remote host, read in one round trip: the panes of its tmux server
 * ({@code list-panes -a}), the heartbeat files of its run dir (at most 4 KiB each, symlinks
 * skipped) and the permission requests harness hooks saved there (at most 16 KiB each). The script
 * is fixed text; the socket, format and directory are its arguments.
 *
 * @param panes each session's first pane, by session name
 * @param heartbeats each agent's heartbeat file content, by agent name
 * @param requests each waiting agent's pending permission request (the hook's payload), by agent name
 */
public record RemoteSnapshot(Map<String, PaneInfo> panes, Map<String, String> heartbeats,
                             Map<String, String> requests) {

    private static final char RS = '\u001e';
    /**
     * What one answer runs, with the socket, format and run dir in {@code $s $f $d} (empty: the
     * default under the remote home): tmux's panes,
     * then every heartbeat and request file through one awk (no process per file; lines past the
     * size limit dropped).
     */
    static final String BODY = """
            [ -n "$d" ] || d="$HOME/.local/share/mosaic/run"
            printf '\\036tmux\\n'
            tmux -u -L "$s" list-panes -a -F "$f" 2>&1
            printf '\\036rc %s\\n' "$?"
            set --
            for b in "$d"/*.heartbeat "$d"/*.request.json; do [ -f "$b" ] && [ ! -L "$b" ] && set -- "$@" "$b"; done
            [ "$#" -gt 0 ] && awk 'FNR == 1 { n = 0; f = FILENAME; sub(/.*\\//, "", f); printf "\\036hb %s\\n", f
              max = (f ~ /\\.heartbeat$/) ? 4096 : 16384 }
              { n += length($0) + 1; if (n <= max) print }' "$@"
            """;
    private static final String SCRIPT = "s=$1; f=$2; d=$3\n" + BODY + "exit 0\n";

    /**
     * Reads the host's panes and run dir ({@link RemoteLayout#runDir()}, found by the script from the
     * remote {@code $HOME}: a cold CLI ps is then one call, not a layout read first).
     */
    public static RemoteSnapshot read(SshHost host, String socket, Duration timeout) {
        List<String> args = List.of(socket, Tmux.PANE_FORMAT, "");
        String out = host.askPs(args, timeout);
        if (out == null) {
            CommandResult r = host.run(List.of("sh", "-c", SCRIPT, "mosaic-ps", socket, Tmux.PANE_FORMAT, ""), null,
                    timeout);
            out = r.stdout();
            if (out.indexOf(RS) < 0) {
                throw new SshException("host " + host.name() + ": unexpected answer to ps: " + r.stderr().strip());
            }
        }
        return parse(host, socket, out);
    }

    private static RemoteSnapshot parse(SshHost host, String socket, String out) {
        Map<String, PaneInfo> panes = Map.of();
        Map<String, String> beats = new LinkedHashMap<>();
        Map<String, String> requests = new LinkedHashMap<>();
        String tmuxOut = "";
        int start = out.indexOf(RS);
        if (start < 0) {
            throw new SshException("host " + host.name() + ": unexpected answer to ps");
        }
        for (String rec : out.substring(start + 1).split(String.valueOf(RS))) {
            int nl = rec.indexOf('\n');
            String head = nl < 0 ? rec : rec.substring(0, nl);
            String body = nl < 0 ? "" : rec.substring(nl + 1);
            if (head.equals("tmux")) {
                tmuxOut = body;
            } else if (head.startsWith("rc ")) {
                if (head.equals("rc 0")) {
                    panes = Tmux.parsePanes(tmuxOut);
                } else if (!Tmux.isServerDown(tmuxOut)) {
                    throw new TmuxException("tmux (socket " + socket + " on host " + host.name() + "): "
                            + tmuxOut.strip(), false);
                }
            } else if (head.startsWith("hb ") && head.endsWith(".heartbeat")) {
                String agent = head.substring(3, head.length() - ".heartbeat".length());
                if (Names.isValid(agent)) {
                    beats.put(agent, body);
                }
            } else if (head.startsWith("hb ") && head.endsWith(".request.json")) {
                String agent = head.substring(3, head.length() - ".request.json".length());
                if (Names.isValid(agent)) {
                    requests.put(agent, body);
                }
            }
        }
        return new RemoteSnapshot(panes, beats, requests);
    }
}
