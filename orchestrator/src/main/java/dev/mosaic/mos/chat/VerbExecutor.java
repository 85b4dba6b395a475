package dev.mosaic.mos.chat;

/**
 * Carries out a fleet verb (everything but the chat-only verbs help, whoami, confirm and cancel)
 * and returns what it printed, so the router can relay it as the reply.
 */
public interface VerbExecutor {

    /**
     * What a verb printed and how it ended.
     *
     * @param exitCode 0 ok, 1 failure, 2 usage (the CLI's codes)
     * @param output what it printed on standard output
     * @param error what it printed on standard error (the reason, when it failed)
     */
    record Result(int exitCode, String output, String error) {
        public Result {
            output = output == null ? "" : output;
            error = error == null ? "" : error;
        }

        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Runs {@code command} on behalf of {@code actor} (e.g. {@code discord:1234}, recorded in the
     * audit log by the verb itself). Never throws for a failing verb: the failure is in the result.
     *
     * @throws ChatException when the command's arguments cannot be turned into a verb call
     */
    Result execute(ChatCommand command, String actor);

    /**
     * Checks a command's arguments without running it, so a destructive command with a bad
     * argument is refused before Mos asks for confirmation. The default accepts everything.
     *
     * @throws ChatException naming the bad argument
     */
    default void validate(ChatCommand command) {
    }
}
