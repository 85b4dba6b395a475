package dev.mosaic.connector.matrix;

import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorState;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A connector context for tests: system clock, a given start time and state dir, recorded states. */
final class TestContext implements ConnectorContext {

    record Report(ConnectorState state, String detail) {
    }

    private final Instant startedAt;
    private final Path stateDir;
    final List<Report> reports = new CopyOnWriteArrayList<>();

    TestContext(Instant startedAt, Path stateDir) {
        this.startedAt = startedAt;
        this.stateDir = stateDir;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public Path stateDir() {
        return stateDir;
    }

    @Override
    public void reportState(ConnectorState state, String detail) {
        reports.add(new Report(state, detail));
    }

    List<ConnectorState> states() {
        return reports.stream().map(Report::state).toList();
    }
}
