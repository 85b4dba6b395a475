package dev.mosaic.mos.cli;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.audit.AuditRecord;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.mos.cli.engine.internal.FleetFactory;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.mos.app.Actor;
import dev.mosaic.mos.app.Application;
import dev.mosaic.mos.app.AuditTrail;
import dev.mosaic.mos.app.FleetOperations;
import dev.mosaic.mos.app.RateLimiter;
import dev.mosaic.mos.comms.CommsException;
import java.time.Duration;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a verb needs from the outside world, injected so verbs run the same from the
 * terminal, from chat (output captured as the reply) and from tests: the environment contract,
 * the clock, streams, who is acting and whether a person sits at a terminal.
 *
 * <p>One context serves one invocation at a time. {@code --roster} is applied through
 * {@link #rosterOverride(Path)} before the verb runs.
 */
public final class CliContext {

    private final Map<String, String> environment;
    private final Path userHome;
    private final Clock clock;
    private final boolean interactive;
    private final String actor;
    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private @Nullable Path rosterOverride;
    private @Nullable MosaicEnv env;
    private @Nullable Fleet fleet;
    private @Nullable Application app;

    public CliContext(Map<String, String> environment, Path userHome, Clock clock, boolean interactive, String actor,
                      InputStream in, PrintWriter out, PrintWriter err) {
        this.environment = Map.copyOf(environment);
        this.userHome = Objects.requireNonNull(userHome, "userHome");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interactive = interactive;
        this.actor = Objects.requireNonNull(actor, "actor");
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** The context of a real terminal invocation. */
    public static CliContext system(Map<String, String> environment, Path userHome, Clock clock, boolean interactive) {
        String user = environment.getOrDefault("USER", System.getProperty("user.name", "unknown"));
        // inside an agent's terminal (the orchestrator running `mosaic fleet ...`) the agent acts, not its user
        String agent = environment.get("MOSAIC_AGENT_NAME");
        String actor = agent != null && dev.mosaic.fleet.roster.Names.isValid(agent) ? "agent:" + agent : "cli:" + user;
        return new CliContext(environment, userHome, clock, interactive, actor, System.in,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    }

    /** A copy for one more invocation with other streams and actor (chat, tests); shares nothing mutable. */
    public CliContext with(String newActor, InputStream newIn, PrintWriter newOut, PrintWriter newErr,
                           boolean newInteractive) {
        CliContext c = new CliContext(environment, userHome, clock, newInteractive, newActor, newIn, newOut, newErr);
        c.rosterOverride = rosterOverride;
        return c;
    }

    void rosterOverride(Path roster) {
        this.rosterOverride = roster;
        this.env = null;
        this.fleet = null;
        this.app = null;
    }

    /** Whether {@code --roster} points this invocation at another roster than {@code $MOSAIC_HOME}'s. */
    public boolean rosterOverridden() {
        return rosterOverride != null;
    }

    /** The environment contract ({@code MOSAIC_HOME}, roster path, run dir, ...), read once. */
    public MosaicEnv env() {
        if (env == null) {
            env = MosaicEnv.from(environment, userHome, rosterOverride);
        }
        return env;
    }

    /** The raw environment variables, for {@code ${env:NAME}} secret references. */
    public Map<String, String> environment() {
        return environment;
    }

    public Path userHome() {
        return userHome;
    }

    public Clock clock() {
        return clock;
    }

    /** True when a person sits at a terminal, so prompts and progress displays are allowed. */
    public boolean interactive() {
        return interactive;
    }

    /** Who is acting, for the audit log: {@code cli:<user>}, {@code discord:<id>}, ... */
    public String actor() {
        return actor;
    }

    public InputStream in() {
        return in;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** The fleet engine of this invocation (tmux on {@code MOSAIC_TMUX_SOCKET}), built on first use. */
    public Fleet fleet() {
        if (fleet == null) {
            fleet = FleetFactory.create(env(), environment, userHome, clock, new ProcessCommandRunner());
        }
        return fleet;
    }

    /**
     * The roster of this invocation ({@code --roster} or {@code $MOSAIC_HOME/fleet/roster.yaml}), knowing user
     * runtimes and checking connector blocks and principal ids against the connectors installed.
     */
    public RosterStore rosterStore() {
        return FleetFactory.store(env());
    }

    /**
     * The application layer of this invocation: the terminal's person acts as admin (whoever can
     * run the CLI can edit the roster); operations are audited as {@link #actor()}. In comms mode
     * matrix a send needs the running service, which owns the rooms.
     */
    public Application app() {
        if (app == null) {
            FleetOperations ops = new FleetOperations(fleet(), rosterStore(), env(), (agent, from, text) -> {
                throw new CommsException("matrix comms needs `mosaic mos serve` running; or switch back with"
                        + " `mosaic fleet comms tmux`");
            }, progress -> {
                if (interactive) {
                    err.print("\rstarting " + progress + " ");
                    err.flush();
                }
            }, line -> {
                err.println(line); // an update's progress: one line per step, on a terminal or in a log
                err.flush();
            });
            // the CLI confirms by being typed at a terminal and is not rate limited
            app = new Application(ops, new AuditTrail(audit(), clock), clock, Duration.ofMinutes(2),
                    new RateLimiter.Limits(Integer.MAX_VALUE, Integer.MAX_VALUE));
        }
        return app;
    }

    /** Who acts, for the application layer: this invocation's actor, as admin. */
    public Actor person() {
        return Actor.local(actor);
    }

    public AuditLog audit() {
        return new AuditLog(env().auditLog());
    }

    /** Appends an audit record for an action of this invocation's actor. */
    public void audit(String action, String target, String result, Map<String, Object> details) {
        audit().append(new AuditRecord(Instant.now(clock), actor, action, target, result, details));
    }
}
