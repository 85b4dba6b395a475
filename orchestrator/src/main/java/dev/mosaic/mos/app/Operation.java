package dev.mosaic.mos.app;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.roster.Comms;
import dev.mosaic.fleet.roster.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One thing a person asks Mos to do, whatever door it came through: a typed request that
 * {@link Application} authorizes, confirms, audits and runs, and that returns an {@link Outcome}.
 * Each record knows the least role it needs, the audit action it is recorded as (none for pure
 * reads), how it reads in chat, and — when destructive — what it would destroy.
 */
public sealed interface Operation {

    /** The verb it is, whose definition gives its role; null for the web-only operations. */
    @Nullable Verb verb();

    /** The least role that may run it: its verb's. */
    default Role role() {
        return verb().minRole();
    }

    /** The audit action, e.g. {@code agent.remove}; null for reads, which are not audited. */
    @Nullable String action();

    /** What it acts on, for audit and replies: an agent, {@code all}, a mode; empty when nothing. */
    String target();

    /** How it reads as a chat command: the verb word and its arguments. */
    List<String> words();

    /** What it would destroy, as a sentence, when it needs confirmation; null otherwise. */
    default @Nullable String danger() {
        return null;
    }

    /** The command as typed in chat, arguments with spaces quoted ({@code send coder-1 "run tests"}). */
    default String display() {
        StringBuilder b = new StringBuilder();
        for (String w : words()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(w.isEmpty() || w.chars().anyMatch(Character::isWhitespace) ? '"' + w + '"' : w);
        }
        return b.toString();
    }

    private static List<String> wordsOf(String verb, List<String> agents) {
        List<String> w = new ArrayList<>(List.of(verb));
        w.addAll(agents.isEmpty() ? List.of("all") : agents);
        return w;
    }

    private static String targets(List<String> agents) {
        return agents.isEmpty() ? "all" : String.join(",", agents);
    }

    /** The whole fleet's state. */
    record Ps() implements Operation {
        public Verb verb() { return Verb.PS; }
        public @Nullable String action() { return null; }
        public String target() { return ""; }
        public List<String> words() { return List.of("ps"); }
    }

    /** One agent's state. */
    record Status(String agent) implements Operation {
        public Status { Objects.requireNonNull(agent, "agent"); }
        public Verb verb() { return Verb.STATUS; }
        public @Nullable String action() { return null; }
        public String target() { return agent; }
        public List<String> words() { return List.of("status", agent); }
    }

    /** Starts the named agents; none named: every roster agent tmux lacks. */
    record Start(List<String> agents) implements Operation {
        public Start { agents = List.copyOf(agents); }
        public Verb verb() { return Verb.START; }
        public String action() { return "fleet.start"; }
        public String target() { return targets(agents); }
        public List<String> words() { return wordsOf("start", agents); }
    }

    /** Starts one agent (no-op when it runs). */
    record StartAgent(String agent) implements Operation {
        public StartAgent { Objects.requireNonNull(agent, "agent"); }
        public Verb verb() { return Verb.START; }
        public String action() { return "agent.start"; }
        public String target() { return agent; }
        public List<String> words() { return List.of("start", agent); }
    }

    /** Stops the named agents; none named: all of them (asks to confirm). */
    record Stop(List<String> agents) implements Operation {
        public Stop { agents = List.copyOf(agents); }
        public Verb verb() { return Verb.STOP; }
        public String action() { return "fleet.stop"; }
        public String target() { return targets(agents); }
        public List<String> words() { return wordsOf("stop", agents); }
        public @Nullable String danger() { return agents.isEmpty() ? "This stops every agent of the fleet." : null; }
    }

    /** Stops one agent. */
    record StopAgent(String agent) implements Operation {
        public StopAgent { Objects.requireNonNull(agent, "agent"); }
        public Verb verb() { return Verb.STOP; }
        public String action() { return "agent.stop"; }
        public String target() { return agent; }
        public List<String> words() { return List.of("stop", agent); }
    }

    /** Stops (when running) and starts one agent. */
    record RestartAgent(String agent) implements Operation {
        public RestartAgent { Objects.requireNonNull(agent, "agent"); }
        public Verb verb() { return Verb.RESTART; }
        public String action() { return "agent.restart"; }
        public String target() { return agent; }
        public List<String> words() { return List.of("restart", agent); }
    }

    /** Stops every agent, then starts them all (asks to confirm). */
    record RestartAll() implements Operation {
        public Verb verb() { return Verb.RESTART; }
        public String action() { return "fleet.restart"; }
        public String target() { return "all"; }
        public List<String> words() { return List.of("restart", "all"); }
        public String danger() { return "This restarts every agent of the fleet."; }
    }

    /** Types text into an agent's terminal, then Enter; automated, so it waits for a person typing there. */
    record Send(String agent, String text) implements Operation {
        public Send {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(text, "text");
        }
        public Verb verb() { return Verb.SEND; }
        public String action() { return "agent.send"; }
        public String target() { return agent; }
        public List<String> words() { return List.of("send", agent, text); }
    }

    /**
     * A person answers the permission prompt an agent waits on: approve (Enter) or deny (Escape),
     * only that prompt when {@code promptId} (as relayed to chat) is given.
     */
    record Answer(String agent, boolean approve, @Nullable String promptId) implements Operation {
        public Answer {
            Objects.requireNonNull(agent, "agent");
            if (promptId != null && !promptId.matches("[0-9a-f]{8}")) {
                throw AppException.invalid((approve ? "approve" : "deny") + ": '" + promptId
                        + "' is not a prompt id; usage: " + (approve ? "approve" : "deny") + " <agent>");
            }
        }
        public Verb verb() { return approve ? Verb.APPROVE : Verb.DENY; }
        public String action() { return approve ? "agent.approve" : "agent.deny"; }
        public String target() { return agent; }
        public List<String> words() {
            List<String> w = new java.util.ArrayList<>(List.of(approve ? "approve" : "deny", agent));
            if (promptId != null) {
                w.add(promptId);
            }
            return w;
        }
    }

    /** The last lines of an agent's terminal. */
    record Tail(String agent, int lines) implements Operation {
        /** Lines shown when none are asked for. */
        public static final int DEFAULT_LINES = 40;

        public Tail {
            Objects.requireNonNull(agent, "agent");
            if (lines < 1 || lines > 10_000) {
                throw AppException.invalid("tail: the number of lines must be 1-10000, was " + lines);
            }
        }
        public Verb verb() { return Verb.TAIL; }
        public @Nullable String action() { return null; }
        public String target() { return agent; }
        public List<String> words() {
            return lines == DEFAULT_LINES ? List.of("tail", agent) : List.of("tail", agent, Integer.toString(lines));
        }
    }

    /**
     * Adds an agent to the roster.
     *
     * @param runtime null: the environment's default runtime
     * @param agentRole free-form role; null: {@code agent}
     * @param host null: local
     * @param workdir null: home
     * @param command replaces the runtime's launch command; null: the runtime's
     */
    record Add(String name, @Nullable String runtime, @Nullable String agentRole, @Nullable String host,
               @Nullable String workdir, @Nullable String command)
            implements Operation {
        public Add { Objects.requireNonNull(name, "name"); }
        public Verb verb() { return Verb.ADD; }
        public String action() { return "agent.add"; }
        public String target() { return name; }
        public List<String> words() {
            List<String> w = new ArrayList<>(List.of("add", name));
            if (runtime != null) {
                w.add("runtime=" + runtime);
            }
            if (agentRole != null) {
                w.add("role=" + agentRole);
            }
            if (host != null) {
                w.add("host=" + host);
            }
            if (workdir != null) {
                w.add("workdir=" + workdir);
            }
            return w;
        }
    }

    /** Removes an agent from the roster (asks to confirm). */
    record Remove(String agent) implements Operation {
        public Remove { Objects.requireNonNull(agent, "agent"); }
        public Verb verb() { return Verb.REMOVE; }
        public String action() { return "agent.remove"; }
        public String target() { return agent; }
        public List<String> words() { return List.of("remove", agent); }
        public String danger() { return "This removes " + agent + " from the roster."; }
    }

    /** Shows ({@code mode} null) or switches how agents receive messages (switching asks to confirm). */
    record SetComms(@Nullable Comms mode) implements Operation {
        public Verb verb() { return Verb.COMMS; }
        public @Nullable String action() { return mode == null ? null : "fleet.comms"; }
        public String target() { return mode == null ? "" : mode.key(); }
        public List<String> words() { return mode == null ? List.of("comms") : List.of("comms", mode.key()); }
        public @Nullable String danger() {
            return mode == null ? null : "This switches how every agent receives messages to " + mode.key() + ".";
        }
    }

    /** A person typing into an agent's pane (web butt-in): text literally, then allow-listed keys. */
    record Type(String agent, @Nullable String text, @Nullable List<String> keys) implements Operation {
        public Type {
            Objects.requireNonNull(agent, "agent");
            text = text == null ? "" : text;
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
        public Role role() { return Role.OPERATOR; }
        public @Nullable Verb verb() { return null; }
        public String action() { return "agent.input"; }
        public String target() { return agent; }
        public List<String> words() { return List.of("type", agent); }
    }

    /**
     * Updates AI harnesses ({@code mosaic fleet update}, chat {@code update [runtime]}): installs the
     * target version once per host and restarts the agents on it, each once idle; with
     * {@code dryRun} only the plan, changing nothing.
     */
    record Update(dev.mosaic.fleet.update.UpdateOptions options, boolean dryRun,
                  java.util.function.@Nullable Consumer<String> progress) implements Operation {
        public Update { Objects.requireNonNull(options, "options"); }
        public Update(dev.mosaic.fleet.update.UpdateOptions options, boolean dryRun) {
            this(options, dryRun, null);
        }
        /** The same update, telling its progress lines to {@code sink} (a chat conversation). */
        public Update withProgress(java.util.function.Consumer<String> sink) {
            return new Update(options, dryRun, sink);
        }
        public Verb verb() { return Verb.UPDATE; }
        public @Nullable String action() { return dryRun ? null : "fleet.update"; }
        public String target() { return options.runtimes().isEmpty() ? "all" : String.join(",", options.runtimes()); }
        public List<String> words() {
            List<String> w = new ArrayList<>(List.of("update"));
            w.addAll(options.runtimes());
            return w;
        }
        public @Nullable String danger() {
            return dryRun ? null : "This updates the " + (options.runtimes().isEmpty() ? "harnesses the fleet uses"
                    : String.join(", ", options.runtimes()) + " harness") + " and restarts "
                    + (options.force() ? "its agents now, even busy ones" : "each of its agents once it is idle")
                    + " (rolled back if one does not come back ready).";
        }
    }

    /** A person is composing a line for an agent: automated sends hold back for a moment. */
    record Hold(String agent) implements Operation {
        public Hold { Objects.requireNonNull(agent, "agent"); }
        public Role role() { return Role.OPERATOR; }
        public @Nullable Verb verb() { return null; }
        public @Nullable String action() { return null; }
        public String target() { return agent; }
        public List<String> words() { return List.of("typing", agent); }
    }
}
