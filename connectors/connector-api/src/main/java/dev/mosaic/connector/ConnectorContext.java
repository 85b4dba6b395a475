package dev.mosaic.connector;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What the service gives a connector: time, a private state directory and a way to report its
 * health. Implemented by the service (and by the testkit for tests).
 */
public interface ConnectorContext {

    /** The clock to use for every time decision, so tests can control it. */
    Clock clock();

    /**
     * Where history ends. On first connect, messages older than this are history, not commands,
     * and must not be delivered. On the service's very first start it is the start time; after a
     * restart it is when the previous run was last seen running, so what was sent while Mos was
     * down is delivered (the service answers it by its {@code offlineCommands} setting).
     */
    Instant startedAt();

    /**
     * A directory private to this connector instance (mode 0700) for state that must survive a
     * restart, such as a Matrix {@code since} token. Created on demand.
     */
    Path stateDir();

    /** Reports a state change; shown by {@code mosaic mos status}. Detail must hold no secret. */
    void reportState(ConnectorState state, String detail);

    /**
     * The commands Mos understands, for platforms with command menus (slash commands, bot
     * command lists). Empty when the service offers none (a bare test context).
     */
    default List<CommandSpec> commands() {
        return List.of();
    }
}
