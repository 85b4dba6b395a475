package dev.mosaic.mos.chat;

/** Which commands need a confirmation code, and what Mos says they will do. */
final class Destructive {

    private Destructive() {
    }

    /** What {@code cmd} would destroy, as a sentence, or null when it needs no confirmation. */
    static String describe(ChatCommand cmd) {
        String t = cmd.target();
        return switch (cmd.verb()) {
            case REMOVE -> "This removes " + t + " from the roster.";
            case STOP -> t.equals("all") ? "This stops every agent of the fleet." : null;
            case RESTART -> t.equals("all") ? "This restarts every agent of the fleet." : null;
            case COMMS -> cmd.args().isEmpty() ? null
                    : "This switches how every agent receives messages to " + t + ".";
            default -> null;
        };
    }
}
