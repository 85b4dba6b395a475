package dev.mosaic.connector.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Bot API's JSON objects as the fake builds them: Message, User, Chat, MessageEntity. */
final class BotJson {

    private final ObjectMapper json;

    BotJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode message(int id, String chatId, ObjectNode from, String text, JsonNode entities) {
        ObjectNode m = json.createObjectNode();
        m.put("message_id", id);
        m.set("from", from);
        ObjectNode chat = json.createObjectNode().put("id", Long.parseLong(chatId));
        if (chatId.startsWith("-")) {
            chat.put("type", "supergroup").put("title", "Fleet ops");
        } else {
            chat.put("type", "private").put("first_name", from.path("first_name").asText());
        }
        m.set("chat", chat);
        m.put("date", System.currentTimeMillis() / 1000);
        if (text != null) {
            m.put("text", text);
        }
        if (entities != null && !entities.isEmpty()) {
            m.set("entities", entities);
        }
        return m;
    }

    ObjectNode user(long id, String username, boolean bot) {
        ObjectNode u = json.createObjectNode().put("id", id).put("is_bot", bot)
                .put("first_name", bot ? "Mos" : username.substring(0, 1).toUpperCase(Locale.ROOT) + username.substring(1));
        if (username != null) {
            u.put("username", username);
        }
        return u;
    }

    /** The entities Telegram's clients mark in typed text: a leading /command and @mentions. */
    ArrayNode entitiesOf(String text) {
        ArrayNode out = json.createArrayNode();
        Matcher cmd = Pattern.compile("^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?").matcher(text);
        int cmdEnd = 0;
        if (cmd.find()) {
            cmdEnd = cmd.end();
            out.add(json.createObjectNode().put("type", "bot_command").put("offset", 0).put("length", cmdEnd));
        }
        Matcher mention = Pattern.compile("(?<![A-Za-z0-9_])@[A-Za-z0-9_]{5,32}").matcher(text);
        while (mention.find()) {
            if (mention.start() >= cmdEnd) {
                out.add(json.createObjectNode().put("type", "mention").put("offset", mention.start())
                        .put("length", mention.end() - mention.start()));
            }
        }
        return out;
    }

    ArrayNode entities(BotHtml.Parsed parsed) {
        ArrayNode out = json.createArrayNode();
        for (BotHtml.Entity e : parsed.entities()) {
            ObjectNode n = json.createObjectNode().put("type", e.type()).put("offset", e.offset()).put("length", e.length());
            if (e.language() != null) {
                n.put("language", e.language());
            }
            if (e.url() != null) {
                n.put("url", e.url());
            }
            out.add(n);
        }
        return out;
    }
}
