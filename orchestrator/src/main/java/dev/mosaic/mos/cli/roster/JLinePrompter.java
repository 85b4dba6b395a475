package dev.mosaic.mos.cli.roster;

import dev.mosaic.fleet.MosaicException;
import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** A {@link Prompter} on the real terminal, with line editing (JLine). Ctrl-C / Ctrl-D cancel the wizard. */
final class JLinePrompter implements Prompter {

    private final Terminal terminal;
    private final LineReader reader;

    JLinePrompter() {
        try {
            terminal = TerminalBuilder.builder().system(true).build();
        } catch (IOException e) {
            throw new MosaicException("cannot open the terminal for the wizard: " + e.getMessage()
                    + " (give the answers as flags instead, see 'mosaic fleet init --help')", e);
        }
        reader = LineReaderBuilder.builder().terminal(terminal).appName("mosaic").build();
    }

    @Override
    public String ask(String question, String defaultValue) {
        String prompt = question + (defaultValue == null || defaultValue.isEmpty() ? "" : " [" + defaultValue + "]")
                + ": ";
        String answer = read(prompt, null);
        return answer.isBlank() ? defaultValue : answer.strip();
    }

    @Override
    public String askSecret(String question) {
        return read(question + ": ", '*').strip();
    }

    private String read(String prompt, Character mask) {
        try {
            return reader.readLine(prompt, mask);
        } catch (UserInterruptException | EndOfFileException e) {
            throw new MosaicException("init cancelled; nothing was written");
        }
    }

    @Override
    public void say(String line) {
        terminal.writer().println(line);
        terminal.flush();
    }

    @Override
    public void close() {
        try {
            terminal.close();
        } catch (IOException ignored) {
            // closing the terminal only restores its mode; nothing to do if that fails
        }
    }
}
