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

    /** A {@code /mos} slash command payload. */
    static ObjectNode slashCommand(String channel, String userId, String userName, String text, String responseUrl,
                                   String trigger) {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("token", "verification-token").put("team_id", FakeSlack.TEAM_ID).put("team_domain", "fake")
                .put("channel_id", channel).put("channel_name", channel.startsWith("D") ? "directmessage" : "mos")
                .put("user_id", userId).put("user_name", userName).put("command", "/mos").put("text", text)
                .put("api_app_id", FakeSlack.APP_ID).put("is_enterprise_install", "false")
                .put("response_url", responseUrl).put("trigger_id", trigger);
        return p;
    }

    /** A {@code block_actions} payload: {@code userId} pressed button {@code index} of {@code actionsBlock} under {@code on}. */
    static ObjectNode blockActions(Posted on, JsonNode actionsBlock, int index, String userId, String userName,
                                   String trigger, String actionTs, String responseUrl) {
        JsonNode button = actionsBlock.path("elements").path(index);
        ObjectNode p = MAPPER.createObjectNode();
        p.put("type", "block_actions");
        p.putObject("user").put("id", userId).put("username", userName).put("name", userName)
                .put("team_id", FakeSlack.TEAM_ID);
        p.put("api_app_id", FakeSlack.APP_ID).put("token", "verification-token");
        ObjectNode container = p.putObject("container").put("type", "message").put("message_ts", on.ts())
                .put("channel_id", on.channel()).put("is_ephemeral", false);
        if (on.threadTs() != null) {
            container.put("thread_ts", on.threadTs());
        }
        p.put("trigger_id", trigger);
        p.putObject("team").put("id", FakeSlack.TEAM_ID).put("domain", "fake");
        p.putObject("channel").put("id", on.channel()).put("name", "mos");
        ObjectNode message = p.putObject("message").put("type", "message").put("user", FakeSlack.BOT_USER)
                .put("bot_id", FakeSlack.BOT_ID).put("ts", on.ts()).put("text", on.text()).put("team", FakeSlack.TEAM_ID);
        if (on.threadTs() != null) {
            message.put("thread_ts", on.threadTs());
        }
        message.set("blocks", on.blocks());
        p.put("response_url", responseUrl);
        ObjectNode action = p.putArray("actions").addObject();
        action.put("action_id", button.path("action_id").asText()).put("block_id", actionsBlock.path("block_id").asText())
                .put("value", button.path("value").asText()).put("type", "button").put("action_ts", actionTs);
        action.set("text", button.path("text"));
        return p;
    }
}
