package dev.mosaic.fleet.update;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.RuntimeResolver;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Harness updates for one fleet ({@code mosaic fleet update}, chat {@code update}): plan, run,
 * history. Get one from {@link Fleet#updater()}.
 *
 * <pre>{@code
 * UpdatePlan plan = fleet.updater().plan(UpdateOptions.of(List.of("pi"), null));   // --dry-run
 * UpdateReport r = fleet.updater().run(UpdateOptions.of(List.of("pi"), "0.73.1"), "cli:alice", listener);
 * }</pre>
 */
public final class Updater {

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Fleet fleet;
    private final RuntimeResolver runtimes;
    private final HostCommands cmds;
    private final Clock clock;
    private final UpdateHistory history;

    public Updater(Fleet fleet, RuntimeResolver runtimes, CommandRunner runner, Path userHome, Clock clock) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.runtimes = Objects.requireNonNull(runtimes, "runtimes");
        this.cmds = new HostCommands(runner, fleet.ssh(), userHome);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.history = new UpdateHistory(fleet.env().home());
    }

    /** What {@link #run} would do; changes nothing. */
    public UpdatePlan plan(UpdateOptions options) {
        return new Planner(fleet, runtimes, cmds, clock).plan(options);
    }

    /** Plans and carries out the update, records it in the history and returns the report. */
    public UpdateReport run(UpdateOptions options, String actor, UpdateListener listener) {
        return run(plan(options), options, actor, listener);
    }

    /** Carries out {@code plan} (made by {@link #plan}, e.g. shown to a person first). */
    public UpdateReport run(UpdatePlan plan, UpdateOptions options, String actor, UpdateListener listener) {
        try (AutoCloseable lock = history.lock()) {
            String id = ID.format(clock.instant()) + "-" + String.format(java.util.Locale.ROOT, "%06x", System.nanoTime() & 0xffffff);
            UpdateLog log = new UpdateLog(history.log(id), clock);
            log.line("update " + id + " by " + actor + ": " + plan.steps());
            UpdateReport report = new UpdateRun(fleet, runtimes, cmds, clock, options, listener, log).run(plan, id, actor);
            log.line("result: " + report.result());
            history.append(report);
            return report;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UpdateException("could not release the update lock: " + e.getMessage());
        }
    }

    /** The recorded runs, oldest first. */
    public List<UpdateReport> history() {
        return history.read();
    }

    /** The version of {@code profile} installed in Mos's prefix on this machine, or null (for {@code fleet verify}). */
    public String installed(RuntimeProfile profile) {
        return Versions.installed(cmds, profile, HostSpec.local());
    }

    /** The newest version the profile's {@code latestCommand} reports (for {@code fleet verify}). */
    public String latest(RuntimeProfile profile) {
        return Versions.latest(cmds, profile);
    }
}
