package dev.mosaic.connector.slack.fake;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Something the bot posted, as the fake Slack received it.
 *
 * @param channel the channel id
 * @param ts the message's ts (its id)
 * @param threadTs the thread it was posted in, or null for the channel itself
 * @param text the {@code text} field (mrkdwn, escaped by the bot)
 * @param blocks the Block Kit blocks, or null
 * @param via {@code chat.postMessage}, {@code response_url:<trigger id>} or {@code file}
 * @param fileName for files: the name; else null
 * @param fileContent for files: the uploaded bytes as UTF-8; else null
 */
public record Posted(String channel, String ts, String threadTs, String text, JsonNode blocks, String via,
                     String fileName, String fileContent) {

    /** The labels of the buttons under the message, in order. */
    public List<String> buttons() {
        List<String> labels = new ArrayList<>();
        if (blocks != null) {
            for (JsonNode b : blocks) {
                if (b.path("type").asText().equals("actions")) {
                    for (JsonNode e : b.path("elements")) {
                        labels.add(e.path("text").path("text").asText());
                    }
                }
            }
        }
        return labels;
    }

    /** The command button {@code index} stands for (its value). */
    public String buttonValue(int index) {
        for (JsonNode b : blocks) {
            if (b.path("type").asText().equals("actions")) {
                return b.path("elements").path(index).path("value").asText();
            }
        }
        throw new IllegalArgumentException("no buttons on " + this);
    }
}
