package dev.mosaic.mos.chat;

import dev.mosaic.fleet.roster.Names;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import dev.mosaic.mos.cli.ReusableCli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs chat verbs through the same picocli verb classes as the {@code mosaic} CLI, so each verb is
 * defined once: a chat command becomes a CLI argv ({@link #argv}), runs with no stdin and no
 * terminal, and what it prints becomes the reply.
 */
public final class CliVerbExecutor implements VerbExecutor {

    private static final Set<String> COMMS_MODES = Set.of("tmux", "matrix");
    private static final Map<String, String> ADD_OPTIONS = Map.of(
            "runtime", "--runtime", "role", "--role", "host", "--host", "workdir", "--workdir");

    /** One command tree per thread: building it costs more than most verbs (see ReusableCli). */
    private final ThreadLocal<ReusableCli> trees;

    /** @param base the service's CLI context (environment, roster override, clock); streams are replaced per call */
    public CliVerbExecutor(CliContext base) {
        Objects.requireNonNull(base, "base");
        this.trees = ThreadLocal.withInitial(() -> new ReusableCli(base));
    }

    @Override
    public Result execute(ChatCommand command, String actor) {
        List<List<String>> calls = argv(command);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int code = MosaicCli.OK;
        for (List<String> call : calls) {
            Result r = run(actor, call);
            out.append(r.output());
            err.append(r.error());
            code = r.exitCode();
            if (!r.ok()) {
                break;
            }
        }
        return new Result(code, out.toString(), err.toString());
    }

    @Override
    public void validate(ChatCommand command) {
        argv(command);
    }

    /** Runs one CLI argv with captured streams; a crash becomes a failed result, never a stack trace. */
    Result run(String actor, List<String> argv) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            int code;
            try {
                code = trees.get().run(actor, o, e, argv);
            } catch (RuntimeException ex) {
                e.println("error: " + ex.getMessage());
                code = MosaicCli.FAILURE;
            }
            o.flush();
            e.flush();
            return new Result(code, out.toString(), err.toString());
        }
    }

    /**
     * The CLI calls for a chat command, in order (most verbs are one call; {@code restart all} is
     * {@code fleet stop} then {@code fleet start}).
     *
     * @throws ChatException for an argument the CLI must not see: a bad agent name (which could
     *     otherwise pass as an option), an unknown {@code add} option, a non-numeric line count
     */
    public static List<List<String>> argv(ChatCommand c) {
        List<String> a = c.args();
        c.verb().checkArity(a.size());
        return switch (c.verb()) {
            case PS -> List.of(List.of("fleet", "ps"));
            case STATUS -> List.of(List.of("fleet", "agent", "status", agent(a.get(0))));
            case START -> List.of(isAll(a) ? List.of("fleet", "start") : List.of("fleet", "agent", "start", agent(a.get(0))));
            case STOP -> List.of(isAll(a) ? List.of("fleet", "stop") : List.of("fleet", "agent", "stop", agent(a.get(0))));
            case RESTART -> isAll(a)
                    ? List.of(List.of("fleet", "stop"), List.of("fleet", "start"))
                    : List.of(List.of("fleet", "agent", "restart", agent(a.get(0))));
            case SEND -> List.of(send(a));
            case TAIL -> List.of(tail(a));
            case APPROVE, DENY -> List.of(answer(c.verb().word(), a));
            case ADD -> List.of(add(a));
            case REMOVE -> List.of(List.of("fleet", "agent", "remove", agent(a.get(0))));
            case COMMS -> List.of(comms(a));
            case HELP, WHOAMI, CONFIRM, CANCEL ->
                    throw new ChatException("'" + c.verb().word() + "' is answered by Mos itself, not by a fleet verb");
        };
    }

    private static boolean isAll(List<String> a) {
        return a.get(0).equals("all");
    }

    private static String agent(String name) {
        if (!Names.isValid(name)) {
            throw new ChatException("'" + name + "' is not an agent name (1-40 lower-case letters, digits, '-' or '_')");
        }
        return name;
    }

    private static List<String> send(List<String> a) {
        String text = String.join(" ", a.subList(1, a.size()));
        List<String> argv = new ArrayList<>(List.of("fleet", "agent", "send", agent(a.get(0))));
        if (text.startsWith("-")) {
            argv.add("--"); // text that looks like an option is still text
        }
        argv.add(text);
        return argv;
    }

    private static List<String> tail(List<String> a) {
        List<String> argv = new ArrayList<>(List.of("fleet", "agent", "tail", agent(a.get(0))));
        if (a.size() == 2) {
            int n;
            try {
                n = Integer.parseInt(a.get(1));
            } catch (NumberFormatException e) {
                throw new ChatException("tail: '" + a.get(1) + "' is not a number of lines; usage: " + ChatVerb.TAIL.usage());
            }
            if (n < 1 || n > 10_000) {
                throw new ChatException("tail: the number of lines must be 1-10000, was " + n);
            }
            argv.add("-n");
            argv.add(Integer.toString(n));
        }
        return argv;
    }

    private static List<String> answer(String verb, List<String> a) {
        List<String> argv = new ArrayList<>(List.of("fleet", "agent", verb, agent(a.get(0))));
        if (a.size() == 2) {
            if (!a.get(1).matches("[0-9a-f]{8}")) {
                throw new ChatException(verb + ": '" + a.get(1) + "' is not a prompt id; usage: " + verb + " <agent>");
            }
            argv.add("--prompt");
            argv.add(a.get(1));
        }
        return argv;
    }

    private static List<String> add(List<String> a) {
        List<String> argv = new ArrayList<>(List.of("fleet", "agent", "add", agent(a.get(0))));
        for (String opt : a.subList(1, a.size())) {
            int eq = opt.indexOf('=');
            String key = eq < 0 ? opt : opt.substring(0, eq);
            String flag = ADD_OPTIONS.get(key);
            if (eq < 0 || flag == null) {
                throw new ChatException("add: '" + opt + "' is not an option; use runtime=, role=, host= or workdir=");
            }
            String value = opt.substring(eq + 1);
            if (value.isBlank() || value.startsWith("-")) {
                throw new ChatException("add: " + key + "= needs a value that does not start with '-', was '" + value + "'");
            }
            argv.add(flag);
            argv.add(value);
        }
        return argv;
    }

    private static List<String> comms(List<String> a) {
        if (a.isEmpty()) {
            return List.of("fleet", "comms");
        }
        if (!COMMS_MODES.contains(a.get(0))) {
            throw new ChatException("comms: '" + a.get(0) + "' is not a mode; use tmux or matrix");
        }
        return List.of("fleet", "comms", a.get(0));
    }
}
