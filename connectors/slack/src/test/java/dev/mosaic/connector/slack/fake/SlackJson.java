package dev.mosaic.connector.slack.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/** Slack's JSON shapes, as the fake sends them. */
final class SlackJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private SlackJson() {
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode ok() {
        return MAPPER.createObjectNode().put("ok", true);
    }

    static ObjectNode error(String error) {
        return MAPPER.createObjectNode().put("ok", false).put("error", error);
    }

    /** An Events API payload ({@code event_callback}) wrapping {@code event}. */
    static ObjectNode eventCallback(String eventId, ObjectNode event) {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("token", "verification-token").put("team_id", FakeSlack.TEAM_ID).put("api_app_id", FakeSlack.APP_ID);
        p.set("event", event);
        p.put("type", "event_callback").put("event_id", eventId).put("event_time", System.currentTimeMillis() / 1000);
        p.putArray("authorizations").addObject().put("team_id", FakeSlack.TEAM_ID).put("user_id", FakeSlack.BOT_USER)
                .put("is_bot", true).put("is_enterprise_install", false);
        p.put("is_ext_shared_channel", false);
        return p;
    }

    /** A person's message event. */
    static ObjectNode message(String channel, String channelType, String user, String text, String ts, String threadTs) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("type", "message").put("channel", channel).put("user", user).put("text", text).put("ts", ts)
                .put("event_ts", ts).put("channel_type", channelType).put("team", FakeSlack.TEAM_ID);
        if (threadTs != null) {
            e.put("thread_ts", threadTs);
        }
        return e;
    }
}
