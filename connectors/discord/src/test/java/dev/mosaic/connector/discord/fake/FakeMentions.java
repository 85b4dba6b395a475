package dev.mosaic.connector.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a posted message would ping on real Discord, from its content and {@code allowed_mentions}
 * (absent: everything in the content pings; present: only the listed parse types, ids and the
 * replied user when {@code replied_user} is true).
 */
final class FakeMentions {

    private static final Pattern EVERYONE = Pattern.compile("@(everyone|here)");
    private static final Pattern ROLE = Pattern.compile("<@&(\\d+)>");
    private static final Pattern USER = Pattern.compile("<@!?(\\d+)>");

    private FakeMentions() {
    }

    static List<String> pings(JsonNode payload) {
        String content = payload.path("content").asText("");
        JsonNode allowed = payload.get("allowed_mentions");
        boolean reply = payload.path("message_reference").hasNonNull("message_id");
        Set<String> parse = new HashSet<>();
        boolean repliedUser;
        if (allowed == null || allowed.isNull()) {
            parse.addAll(List.of("everyone", "roles", "users"));
            repliedUser = true;
        } else {
            allowed.path("parse").forEach(p -> parse.add(p.asText()));
            repliedUser = allowed.path("replied_user").asBoolean(false);
        }
        List<String> out = new ArrayList<>();
        Matcher m = EVERYONE.matcher(content);
        while (m.find()) {
            if (parse.contains("everyone")) {
                out.add("@" + m.group(1));
            }
        }
        m = ROLE.matcher(content);
        while (m.find()) {
            if (parse.contains("roles") || contains(allowed, "roles", m.group(1))) {
                out.add("role:" + m.group(1));
            }
        }
        m = USER.matcher(content);
        while (m.find()) {
            if (parse.contains("users") || contains(allowed, "users", m.group(1))) {
                out.add("user:" + m.group(1));
            }
        }
        if (reply && repliedUser) {
            out.add("replied-user");
        }
        return out;
    }

    private static boolean contains(JsonNode allowed, String field, String id) {
        if (allowed == null) {
            return false;
        }
        for (JsonNode n : allowed.path(field)) {
            if (n.asText().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
