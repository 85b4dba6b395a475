package dev.mosaic.fleet.exec;

import java.time.Duration;
import java.util.List;

/**
 * The one seam through which Mos starts processes. Every call is an argv list handed to
 * {@code execve}; nothing is ever given to a shell as text. Tests and remote hosts swap the
 * implementation; the engine only sees this interface.
 */
public interface CommandRunner {

    /**
     * Runs {@code argv} to completion.
     *
     * @param argv the program and its arguments
     * @param stdin text fed to its standard input (UTF-8), or {@code null} for none
     * @param timeout how long to wait before the process is killed
     * @return its exit status and output; a non-zero exit is a result, not an exception
     * @throws ExecException when the program cannot be started or does not finish in time
     */
    CommandResult run(List<String> argv, String stdin, Duration timeout);

    /**
     * Runs {@code argv} attached to this process's terminal (stdin, stdout, stderr inherited) and
     * returns its exit status; used by {@code agent watch}. Runners that cannot do so refuse.
     */
    default int runAttached(List<String> argv) {
        throw new ExecException("this command runner cannot attach a terminal to " + argv.get(0));
    }

    /**
     * Starts a long-lived process whose stdin and stdout the caller drives (stderr discarded); used
     * for the tmux control-mode connection. Runners that cannot do so refuse, and callers fall back
     * to {@link #run}.
     */
    default Process spawn(List<String> argv) {
        throw new ExecException("this command runner cannot keep a process open: " + argv.get(0));
    }
}
