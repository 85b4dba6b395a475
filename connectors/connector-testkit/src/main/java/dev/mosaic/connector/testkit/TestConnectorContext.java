package dev.mosaic.connector.testkit;

import dev.mosaic.connector.CommandSpec;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ConnectorContext} for tests: a given clock and start time, a state directory the test
 * owns (typically a JUnit {@code @TempDir}), and a record of every {@link #reportState} call so a
 * test can assert how a connector reported its health.
 */
public final class TestConnectorContext implements ConnectorContext {

    /** One {@link ConnectorContext#reportState} call. */
    public record StateReport(ConnectorState state, String detail) {
    }

    private final Clock clock;
    private final Instant startedAt;
    private final Path stateDir;
    private final List<StateReport> reports = new CopyOnWriteArrayList<>();
    private final List<CommandSpec> commands;

    public TestConnectorContext(Clock clock, Instant startedAt, Path stateDir) {
        this(clock, startedAt, stateDir, List.of());
    }

    private TestConnectorContext(Clock clock, Instant startedAt, Path stateDir, List<CommandSpec> commands) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
        this.commands = List.copyOf(commands);
    }

    /** A fresh context like this one (no reports yet) that offers {@code commands} for command menus. */
    public TestConnectorContext withCommands(List<CommandSpec> commands) {
        return new TestConnectorContext(clock, startedAt, stateDir, commands);
    }

    @Override
    public List<CommandSpec> commands() {
        return commands;
    }

    /** A context on the system clock, started now, keeping state under {@code stateDir}. */
    public static TestConnectorContext in(Path stateDir) {
        Clock clock = Clock.systemUTC();
        return new TestConnectorContext(clock, clock.instant(), stateDir);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public Path stateDir() {
        try {
            return Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create state dir " + stateDir, e);
        }
    }

    @Override
    public void reportState(ConnectorState state, String detail) {
        reports.add(new StateReport(Objects.requireNonNull(state, "state"), detail));
    }

    /** Every state reported so far, oldest first. */
    public List<StateReport> reports() {
        return List.copyOf(reports);
    }

    /** Just the states reported so far, oldest first. */
    public List<ConnectorState> states() {
        return reports.stream().map(StateReport::state).toList();
    }

    /** The most recent state, or {@link ConnectorState#NEW} when nothing was reported yet. */
    public ConnectorState lastState() {
        List<StateReport> r = reports();
        return r.isEmpty() ? ConnectorState.NEW : r.get(r.size() - 1).state();
    }
}
