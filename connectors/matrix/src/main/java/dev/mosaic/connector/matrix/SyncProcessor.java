package dev.mosaic.connector.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.Sender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns one {@code /sync} response into actions: accepts allowed invites, tracks room members and
 * encryption, answers messages in encrypted rooms with a notice, and hands every message a person
 * could mean for Mos to the inbound consumer. Runs on the sync thread only.
 */
final class SyncProcessor {

    static final String ENCRYPTED_NOTICE = "I can't read encrypted rooms yet; use an unencrypted room for Mos.";

    static final String GAP_NOTICE = "I may have missed some messages here: more arrived at once than I could"
            + " read. If you sent me a command just now, please send it again.";

    private static final int RECENT_IDS = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(SyncProcessor.class);

    private final MatrixClient client;
    private final String botUserId;
    private final String botLocalpart;
    private final Set<String> watchedRooms; // shared with the connector, which adds provisioned rooms
    private final Set<String> autoJoinFrom;
    private final Consumer<InboundMessage> inbound;
    private final Map<String, Room> rooms = new HashMap<>();
    private final Set<String> encryptedNoticeSent = new HashSet<>();
    /** Recently delivered event ids: servers may send a timeline event again after a gap. */
    private final Set<String> recentlyDelivered = Collections.newSetFromMap(
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > RECENT_IDS;
                }
            });
    private String botDisplayName;

    /** What the connector knows about one joined room. */
    private static final class Room {
        final Set<String> joined = new HashSet<>();
        final Map<String, String> names = new HashMap<>();
        boolean membersKnown;
        boolean encrypted;
    }

    SyncProcessor(MatrixClient client, String botUserId, String botLocalpart, Set<String> watchedRooms,
                  Set<String> autoJoinFrom, Consumer<InboundMessage> inbound) {
        this.client = client;
        this.botUserId = botUserId;
        this.botLocalpart = botLocalpart;
        this.watchedRooms = watchedRooms;
        this.autoJoinFrom = autoJoinFrom;
        this.inbound = inbound;
    }

    /**
     * Handles one sync response.
     *
     * @param notBefore on the first sync, the service start: older messages are history and are
     *     not delivered; {@code null} on incremental syncs
     */
    void process(JsonNode sync, Instant notBefore) {
        JsonNode roomsNode = sync.path("rooms");
        for (Iterator<Map.Entry<String, JsonNode>> it = roomsNode.path("invite").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            invited(e.getKey(), e.getValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = roomsNode.path("join").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            joined(e.getKey(), e.getValue(), notBefore);
        }
        for (Iterator<String> it = roomsNode.path("leave").fieldNames(); it.hasNext(); ) {
            rooms.remove(it.next());
        }
    }

    private void invited(String roomId, JsonNode invite) {
        String inviter = null;
        for (JsonNode ev : invite.path("invite_state").path("events")) {
            if ("m.room.member".equals(ev.path("type").asText()) && botUserId.equals(ev.path("state_key").asText())
                    && "invite".equals(ev.path("content").path("membership").asText())) {
                inviter = ev.path("sender").asText(null);
            }
        }
        boolean allowed = inviter != null && autoJoinFrom.contains(inviter) || watchedRooms.contains(roomId);
        if (!allowed) {
            LOG.info("ignoring invite to {} from {}: not in autoJoinFrom and not a configured room", roomId, inviter);
            return;
        }
        try {
            client.join(roomId);
            LOG.info("joined {} on invite from {}", roomId, inviter);
        } catch (ConnectorException e) {
            LOG.warn("could not accept invite to {}: {}", roomId, e.getMessage());
        }
    }

    private void joined(String roomId, JsonNode data, Instant notBefore) {
        Room room = rooms.computeIfAbsent(roomId, k -> new Room());
        for (JsonNode ev : data.path("state").path("events")) {
            applyState(room, ev);
        }
        JsonNode timeline = data.path("timeline");
        if (notBefore == null && timeline.path("limited").asBoolean(false)) {
            // more arrived since the last sync than the filter's limit: the older ones are not here
            gapNotice(roomId, timeline.path("prev_batch").asText(""));
        }
        for (JsonNode ev : timeline.path("events")) {
            if (ev.has("state_key")) {
                applyState(room, ev);
                continue;
            }
            String sender = ev.path("sender").asText("");
            if (sender.isEmpty() || sender.equals(botUserId)) {
                continue; // never answer ourselves
            }
            long ts = ev.path("origin_server_ts").asLong(0);
            if (notBefore != null && Instant.ofEpochMilli(ts).isBefore(notBefore)) {
                continue; // history from before start-up is not a command
            }
            String type = ev.path("type").asText();
            if ("m.room.encrypted".equals(type) || room.encrypted && "m.room.message".equals(type)) {
                encryptedNotice(roomId);
            } else if ("m.room.message".equals(type)) {
                message(roomId, room, ev, sender, ts);
            }
        }
    }

    private void applyState(Room room, JsonNode ev) {
        String type = ev.path("type").asText();
        if ("m.room.encryption".equals(type)) {
            room.encrypted = true;
        } else if ("m.room.member".equals(type)) {
            String user = ev.path("state_key").asText();
            JsonNode content = ev.path("content");
            room.membersKnown = true;
            if ("join".equals(content.path("membership").asText())) {
                room.joined.add(user);
                if (content.path("displayname").isTextual()) {
                    room.names.put(user, content.get("displayname").asText());
                    if (user.equals(botUserId)) {
                        botDisplayName = content.get("displayname").asText();
                    }
                }
            } else {
                room.joined.remove(user);
            }
        }
    }

    private void message(String roomId, Room room, JsonNode ev, String sender, long ts) {
        JsonNode content = ev.path("content");
        String msgtype = content.path("msgtype").asText();
        if (!"m.text".equals(msgtype) && !"m.emote".equals(msgtype)) {
            return; // m.notice is what bots send (no loops); files and images carry no command
        }
        if ("m.replace".equals(content.path("m.relates_to").path("rel_type").asText())) {
            return; // an edit must not run a command a second time
        }
        String body = content.path("body").asText("");
        String stripped = stripMention(body);
        boolean watched = watchedRooms.contains(roomId);
        // A configured or provisioned room is a channel even with two members (an agent's room
        // with its owner); any other room with exactly two members is a direct chat.
        boolean direct = !watched && memberCount(roomId, room) == 2;
        Addressing addressing;
        if (direct) {
            addressing = Addressing.DIRECT;
        } else if (stripped != null) {
            addressing = Addressing.MENTION;
        } else if (watched) {
            addressing = Addressing.NONE;
        } else {
            return; // a group room we were invited to but do not watch: mentions only
        }
        String eventId = ev.path("event_id").asText();
        if (!recentlyDelivered.add(eventId)) {
            return;
        }
        String text = stripped != null ? stripped : body;
        Sender who = new Sender("matrix", sender, room.names.get(sender), false);
        Conversation conv = new Conversation("matrix", roomId, null, direct);
        InboundMessage msg = new InboundMessage(eventId, conv, who, text,
                Instant.ofEpochMilli(ts), addressing);
        try {
            inbound.accept(msg);
        } catch (RuntimeException e) {
            LOG.warn("the inbound handler failed on {} in {}: {}", msg.messageId(), roomId, e.toString());
        }
    }

    private int memberCount(String roomId, Room room) {
        if (!room.membersKnown) {
            try {
                room.joined.addAll(client.joinedMembers(roomId));
                room.membersKnown = true;
            } catch (ConnectorException e) {
                LOG.warn("could not list the members of {}: {}", roomId, e.getMessage());
            }
        }
        return room.joined.size();
    }

    /** The body without a leading bot mention ({@code @mos:server}, {@code mos:}, display name), or null. */
    String stripMention(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        for (String name : new String[] {botUserId, botDisplayName, botLocalpart}) {
            if (name == null || name.isBlank()) {
                continue;
            }
            String n = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(n)) {
                String rest = body.substring(n.length());
                if (rest.isEmpty() || rest.charAt(0) == ':' || rest.charAt(0) == ','
                        || Character.isWhitespace(rest.charAt(0))) {
                    return rest.replaceFirst("^[:,]?\\s*", "");
                }
            }
        }
        return null;
    }

    /**
     * Tells the room that messages may have been missed. Commands in the gap are not fetched and
     * run late: a stale {@code stop} could do harm; the person sends again what still matters.
     */
    private void gapNotice(String roomId, String prevBatch) {
        LOG.warn("gappy sync in {} (limited timeline, prev_batch {}): some messages were not seen", roomId, prevBatch);
        ObjectNode content = client.json().createObjectNode().put("msgtype", "m.notice").put("body", GAP_NOTICE);
        try {
            // one notice per gap, also when the send is retried or the sync repeated
            client.send(roomId, "m.room.message", "mos-gap-" + Txn.hash(roomId + "\n" + prevBatch), content);
        } catch (ConnectorException e) {
            LOG.warn("could not tell {} that messages may have been missed: {}", roomId, e.getMessage());
        }
    }

    private void encryptedNotice(String roomId) {
        if (!encryptedNoticeSent.add(roomId)) {
            return;
        }
        ObjectNode content = client.json().createObjectNode()
                .put("msgtype", "m.notice").put("body", ENCRYPTED_NOTICE);
        try {
            // A txn id fixed per room: a resend after a restart is folded into the first by the server.
            client.send(roomId, "m.room.message", "mos-e2ee-" + Txn.hash(roomId), content);
        } catch (ConnectorException e) {
            encryptedNoticeSent.remove(roomId);
            LOG.warn("could not tell {} that encrypted rooms are unsupported: {}", roomId, e.getMessage());
        }
    }
}
