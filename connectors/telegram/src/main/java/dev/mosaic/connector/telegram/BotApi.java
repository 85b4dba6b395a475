package dev.mosaic.connector.telegram;

import dev.mosaic.connector.ConnectorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.time.Duration;
import java.util.Locale;

/**
 * How the connector makes Bot API calls: flood control ({@code 429} with {@code retry_after}) is
 * waited out as Telegram asks, and every failure becomes one {@link ConnectorException} that names
 * the method and chat, says whether retrying can help, and never contains the token.
 */
final class BotApi {

    private static final Logger LOG = LoggerFactory.getLogger(BotApi.class);
    /** The longest flood-control wait honoured inside one call; longer fails the call instead. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(120);
    private static final int MAX_ATTEMPTS = 4;

    /** A Bot API call. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws TelegramApiException;
    }

    /** Telegram could not parse the entities of a message we sent. */
    static final class ParseFailure extends ConnectorException {
        private static final long serialVersionUID = 1L;

        ParseFailure(String message) {
            super(message, true);
        }
    }

    private final String token;

    BotApi(String token) {
        this.token = token;
    }

    /** Runs {@code call} ({@code method} in chat {@code chatId}, which may be null). */
    <T> T call(Call<T> call, String method, String chatId) throws ConnectorException {
        String where = chatId == null ? "" : " in chat " + chatId;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (TelegramApiRequestException e) {
                int code = e.getErrorCode() == null ? 0 : e.getErrorCode();
                String description = redact(String.valueOf(e.getApiResponse()));
                if (code == 429 && attempt < MAX_ATTEMPTS) {
                    Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                    Duration wait = Duration.ofSeconds(after == null ? 1 : Math.max(1, after));
                    if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
                        throw new ConnectorException("Telegram flood control on " + method + where + ": retry after "
                                + wait.toSeconds() + " s", false);
                    }
                    LOG.info("Telegram flood control on {}{}: waiting {} s as asked", method, where, wait.toSeconds());
                    sleep(wait);
                    continue;
                }
                if (code == 400 && description.toLowerCase(Locale.ROOT).contains("can't parse entities")) {
                    throw new ParseFailure(description);
                }
                if (code == 401) {
                    throw new ConnectorException("Telegram rejected the bot token on " + method, true);
                }
                if (code == 403) {
                    throw new ConnectorException("Telegram refused " + method + where + ": " + description
                            + " (was the bot removed from the chat, or blocked by the person?)", true);
                }
                boolean permanent = code >= 400 && code < 500 && code != 429;
                throw new ConnectorException("Telegram refused " + method + where + ": " + description
                        + " (error " + code + ")", permanent, e);
            } catch (TelegramApiException e) {
                throw new ConnectorException(method + where + " failed: " + describe(e), false, e);
            }
        }
    }

    private static void sleep(Duration d) throws ConnectorException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted while waiting out Telegram flood control", false);
        }
    }

    /** The root cause of a failed call, in one line, without the token. */
    String describe(TelegramApiException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root == e ? e.getMessage() : root.getClass().getSimpleName() + ": " + root.getMessage();
        return redact(String.valueOf(m));
    }

    String redact(String text) {
        return text == null ? "" : text.replace(token, "***");
    }
}
