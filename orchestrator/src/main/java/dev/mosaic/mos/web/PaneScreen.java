package dev.mosaic.mos.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.engine.TextSender;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.tmux.Tmux;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What an agent's pane shows right now: its size, cursor and visible lines with colours
 * ({@code capture-pane -e}), taken in one tmux call so size and content match.
 */
final class PaneScreen {

    /**
     * One capture.
     *
     * @param ansi the visible lines, joined by {@code \n}, with SGR colour sequences
     */
    record Screen(String name, int cols, int rows, int cursorX, int cursorY, String ansi) {

        ObjectNode json(ObjectMapper mapper) {
            ObjectNode n = mapper.createObjectNode();
            n.put("name", name);
            n.put("cols", cols);
            n.put("rows", rows);
            ObjectNode c = n.putObject("cursor");
            c.put("x", cursorX);
            c.put("y", cursorY);
            n.put("ansi", ansi);
            return n;
        }
    }

    private final Fleet fleet;
    private final Supplier<Roster> roster;

    PaneScreen(Fleet fleet, Supplier<Roster> roster) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.roster = Objects.requireNonNull(roster, "roster");
    }

    /** @throws FleetException when the agent is unknown or not running */
    Screen capture(String agent) {
        Roster r = roster.get();
        AgentSpec a = Fleet.requireAgent(r, agent);
        Tmux tmux = fleet.tmux(r.host(a.host()));
        String target = Tmux.target(agent);
        CommandResult res = tmux.execAll(List.of(
                List.of("display-message", "-p", "-t", target, "#{pane_width} #{pane_height} #{cursor_x} #{cursor_y}"),
                List.of("capture-pane", "-p", "-e", "-t", target)), null);
        if (!res.ok()) {
            throw TextSender.notRunning(tmux, agent, res);
        }
        String out = res.stdout();
        int nl = out.indexOf('\n');
        String[] size = (nl < 0 ? out : out.substring(0, nl)).strip().split(" ");
        if (size.length != 4) {
            throw new FleetException("unexpected pane size from tmux for '" + agent + "': " + out.lines().findFirst()
                    .orElse(""));
        }
        String body = nl < 0 ? "" : out.substring(nl + 1);
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        return new Screen(agent, Integer.parseInt(size[0]), Integer.parseInt(size[1]), Integer.parseInt(size[2]),
                Integer.parseInt(size[3]), body);
    }
}
