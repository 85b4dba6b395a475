package dev.mosaic.mos.chat;

import dev.mosaic.fleet.roster.Comms;
import dev.mosaic.fleet.roster.Names;
import dev.mosaic.mos.app.AppException;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.app.Verb;
import java.util.List;
import java.util.Locale;

/**
 * The chat door's parser: a {@link ChatCommand} (verb and words) becomes the typed
 * {@link Operation} the application runs. Arguments are checked here, so a destructive command
 * with a bad argument is refused before Mos asks for confirmation.
 */
public final class ChatOperations {

    private ChatOperations() {
    }

    /**
     * @throws AppException (invalid) naming the bad argument: a malformed agent name, an unknown
     *     {@code add} option, a line count that is not a number, a mode that does not exist
     */
    public static Operation parse(ChatCommand c) {
        List<String> a = c.args();
        c.verb().checkArity(a.size());
        return switch (c.verb()) {
            case PS -> new Operation.Ps();
            case STATUS -> new Operation.Status(agent(a.get(0)));
            case START -> isAll(a) ? new Operation.Start(List.of()) : new Operation.StartAgent(agent(a.get(0)));
            case STOP -> isAll(a) ? new Operation.Stop(List.of()) : new Operation.StopAgent(agent(a.get(0)));
            case RESTART -> isAll(a) ? new Operation.RestartAll() : new Operation.RestartAgent(agent(a.get(0)));
            case SEND -> new Operation.Send(agent(a.get(0)), String.join(" ", a.subList(1, a.size())));
            case TAIL -> new Operation.Tail(agent(a.get(0)), a.size() == 2 ? lines(a.get(1)) : Operation.Tail.DEFAULT_LINES);
            case ADD -> add(a);
            case REMOVE -> new Operation.Remove(agent(a.get(0)));
            case APPROVE, DENY -> new Operation.Answer(agent(a.get(0)), c.verb() == Verb.APPROVE,
                    a.size() == 2 ? a.get(1) : null);
            case COMMS -> new Operation.SetComms(a.isEmpty() ? null : mode(a.get(0)));
            case UPDATE -> new Operation.Update(dev.mosaic.fleet.update.UpdateOptions.of(
                    a.isEmpty() ? List.of() : List.of(agent(a.get(0))), null), false);
            case HELP, WHOAMI, CONFIRM, CANCEL -> throw AppException.invalid("'" + c.verb().word()
                    + "' is answered by Mos itself, not by a fleet operation");
        };
    }

    private static boolean isAll(List<String> a) {
        return a.get(0).equals("all");
    }

    private static String agent(String name) {
        if (!Names.isValid(name)) {
            throw AppException.invalid("'" + name + "' is not an agent name (1-40 lower-case letters, digits, '-' or '_')");
        }
        return name;
    }

    private static int lines(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw AppException.invalid("tail: '" + s + "' is not a number of lines; usage: " + Verb.TAIL.usage());
        }
    }

    private static Operation add(List<String> a) {
        String name = agent(a.get(0));
        String runtime = null;
        String role = null;
        String host = null;
        String workdir = null;
        for (String opt : a.subList(1, a.size())) {
            int eq = opt.indexOf('=');
            String key = eq < 0 ? opt : opt.substring(0, eq);
            if (eq < 0 || !List.of("runtime", "role", "host", "workdir").contains(key)) {
                throw AppException.invalid("add: '" + opt + "' is not an option; use runtime=, role=, host= or workdir=");
            }
            String value = opt.substring(eq + 1);
            if (value.isBlank() || value.startsWith("-")) {
                throw AppException.invalid("add: " + key + "= needs a value that does not start with '-', was '"
                        + value + "'");
            }
            switch (key) {
                case "runtime" -> runtime = value;
                case "role" -> role = value;
                case "host" -> host = value;
                default -> workdir = value;
            }
        }
        return new Operation.Add(name, runtime, role, host, workdir, null);
    }

    private static Comms mode(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        for (Comms c : Comms.values()) {
            if (c.key().equals(v)) {
                return c;
            }
        }
        throw AppException.invalid("comms: '" + s + "' is not a mode; use tmux or matrix");
    }
}
