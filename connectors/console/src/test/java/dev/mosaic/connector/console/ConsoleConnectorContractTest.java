package dev.mosaic.connector.console;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.testkit.ConnectorContractTest;
import dev.mosaic.connector.testkit.PlatformHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The console connector keeps the connector contract, with piped streams standing in for the terminal. */
class ConsoleConnectorContractTest extends ConnectorContractTest {

    private PipedOutputStream keyboard;
    private PipedInputStream stdin;
    private ByteArrayOutputStream screen;

    @BeforeEach
    void terminal() throws IOException {
        keyboard = new PipedOutputStream();
        stdin = new PipedInputStream(keyboard, 1 << 16);
        screen = new ByteArrayOutputStream();
    }

    @AfterEach
    void hangUp() throws IOException {
        keyboard.close(); // the reader thread sees end of input and ends
    }

    @Override
    protected PlatformHarness harness() {
        return new PlatformHarness() {
            @Override
            public Connector newConnector(ConnectorContext ctx) {
                return new ConsoleConnector("alice", stdin, new PrintStream(screen, true, StandardCharsets.UTF_8), ctx);
            }

            @Override
            public void userSays(String userId, String conversationId, String messageId, String text) {
                // The terminal has one user and assigns its own ids; userId and messageId do not apply.
                try {
                    keyboard.write((text + "\n").getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public List<String> botMessages(String conversationId) {
                List<String> messages = new ArrayList<>();
                String out;
                synchronized (screen) {
                    out = screen.toString(StandardCharsets.UTF_8);
                }
                StringBuilder current = null;
                for (String line : out.split("\n", -1)) {
                    if (line.startsWith(ConsoleConnector.PROMPT)) {
                        if (current != null) {
                            messages.add(current.toString());
                        }
                        current = new StringBuilder(line.substring(ConsoleConnector.PROMPT.length()));
                    } else if (current != null) {
                        current.append('\n').append(line);
                    }
                }
                if (current != null) {
                    messages.add(current.toString().stripTrailing());
                }
                return messages;
            }

            @Override
            public void dropConnection() {
                // A terminal has no connection that can drop and come back: end of input means the
                // user left. So this is a no-op; the contract case then checks that delivery simply
                // continues.
            }

            @Override
            public void redeliver(String messageId) {
                // A line on stdin is read exactly once; there is nothing to redeliver. The contract
                // case then checks the message was not delivered twice.
            }

            @Override
            public String allowedUserId() {
                return "alice";
            }

            @Override
            public String conversationId() {
                return "tty";
            }
        };
    }
}
