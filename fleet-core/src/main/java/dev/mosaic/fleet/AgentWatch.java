package dev.mosaic.fleet;

import dev.mosaic.fleet.engine.TextSender;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.tmux.Tmux;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** {@link Fleet#watch}: a read-only attach through a grouped viewer session that never outlives it. */
final class AgentWatch {

    private AgentWatch() {
    }

    static int attach(Tmux tmux, CommandRunner runner, String agent) {
        byte[] rnd = new byte[3];
        new SecureRandom().nextBytes(rnd);
        String viewer = agent + "-watch-" + HexFormat.of().formatHex(rnd);
        // has-session first: new-session -t would otherwise create a fresh group for an absent agent
        CommandResult res = tmux.execAll(List.of(List.of("has-session", "-t", "=" + agent),
                List.of("new-session", "-d", "-t", "=" + agent, "-s", viewer)), null);
        if (!res.ok()) {
            throw TextSender.notRunning(tmux, agent, res);
        }
        Thread cleanup = new Thread(() -> tmux.exec(List.of("kill-session", "-t", "=" + viewer), null),
                "mosaic-watch-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            List<List<String>> attach = List.of(List.of("attach-session", "-r", "-t", "=" + viewer));
            return runner.runAttached(tmux.isRemote()
                    ? tmux.ssh().interactiveArgv(List.of("tmux", "-u", "-L", tmux.socket(), "attach-session", "-r", "-t",
                    "=" + viewer)) : tmux.argv(attach));
        } finally {
            tmux.exec(List.of("kill-session", "-t", "=" + viewer), null);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway; killing an already killed session is harmless
            }
        }
    }
}
