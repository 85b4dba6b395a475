package dev.mosaic.connector.telegram;

import org.telegram.telegrambots.longpolling.interfaces.BackOff;

/**
 * The wait between failed long polls: 0.5 s doubling to 8 s, reset by a good answer. (The
 * library's default grows to a minute, and after 15 minutes of failures waits 15 minutes between
 * tries: far too slow to notice that a network came back or that a competing poller stopped.)
 */
final class PollBackOff implements BackOff {

    private static final long FIRST_MS = 500;
    private static final long MAX_MS = 8_000;
    private long next = FIRST_MS;

    @Override
    public synchronized void reset() {
        next = FIRST_MS;
    }

    @Override
    public synchronized long nextBackOffMillis() {
        long now = next;
        next = Math.min(MAX_MS, next * 2);
        return now;
    }
}
