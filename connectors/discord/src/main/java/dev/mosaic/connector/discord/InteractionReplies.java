package dev.mosaic.connector.discord;

import dev.mosaic.connector.RecentIds;
import net.dv8tion.jda.api.interactions.InteractionHook;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slash command interactions waiting for their first reply. Discord wants an answer within 3 s,
 * so every interaction is deferred at once; the first reply Mos sends for it then completes the
 * deferred response, and later replies become ordinary channel messages.
 */
final class InteractionReplies {

    private final Map<String, InteractionHook> pending = new ConcurrentHashMap<>();
    private final RecentIds interactionIds = new RecentIds(4096);

    void register(String interactionId, InteractionHook hook) {
        interactionIds.add(interactionId);
        pending.put(interactionId, hook);
    }

    /** Takes the hook for the first reply to {@code id}, if it is still pending and not expired (15 min). */
    Optional<InteractionHook> claim(String id) {
        if (id == null) {
            return Optional.empty();
        }
        InteractionHook hook = pending.remove(id);
        return hook == null || hook.isExpired() ? Optional.empty() : Optional.of(hook);
    }

    /** Whether {@code id} names an interaction rather than a message (so it cannot be replied to or reacted on). */
    boolean isInteraction(String id) {
        return id != null && interactionIds.contains(id);
    }
}
