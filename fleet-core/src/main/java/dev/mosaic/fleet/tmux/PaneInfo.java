package dev.mosaic.fleet.tmux;

/**
 * The first pane of one tmux session, as {@code list-panes -a} reports it.
 *
 * @param session the session name
 * @param pid the pid of the pane's process (the launcher, which execs the agent's command)
 * @param dead true when that process has exited and the pane stays only because of remain-on-exit
 * @param deadStatus its exit status when dead, else -1
 * @param viewer true for a grouped viewer session made by {@code agent watch}, not an agent
 */
public record PaneInfo(String session, long pid, boolean dead, int deadStatus, boolean viewer) {
}
