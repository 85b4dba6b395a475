package dev.mosaic.fleet.update;

import java.util.Map;

/** Hears an update as it runs: progress lines for a person, steps for the audit log. */
public interface UpdateListener {

    /** One line of progress ({@code pi-1: ready on 0.73.1}). */
    void progress(String line);

    /**
     * One step done, for the audit log.
     *
     * @param action {@code update.install}, {@code update.restart}, {@code update.skip}, {@code update.rollback}
     */
    void step(String action, String target, String result, Map<String, Object> details);

    /** Hears nothing. */
    UpdateListener NONE = new UpdateListener() {
        public void progress(String line) {
        }

        public void step(String action, String target, String result, Map<String, Object> details) {
        }
    };
}
