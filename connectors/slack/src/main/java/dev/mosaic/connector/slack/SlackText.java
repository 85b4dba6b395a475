package dev.mosaic.connector.slack;

import dev.mosaic.connector.TextSplitter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text between Mos's light Markdown and Slack's mrkdwn, both ways.
 *
 * <p>Outbound, every {@code &}, {@code <} and {@code >} is escaped, so no agent output can form
 * Slack markup: no {@code <!channel>}, {@code <!here>}, {@code <!everyone>}, user or group
 * mentions, or disguised links. The bare words {@code @channel}, {@code @here} and
 * {@code @everyone} get a word joiner after the {@code @} as well. Code fences stay code fences
 * (Slack renders {@code ```} blocks); {@code **bold**} becomes Slack's {@code *bold*}.
 *
 * <p>Inbound, Slack's escapes are undone and its markup made plain: {@code <@U123>} stays the id,
 * {@code <#C123|name>} becomes {@code #name}, {@code <https://x|label>} becomes the URL.
 */
final class SlackText {

    private static final Pattern BOLD = Pattern.compile("\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*");
    private static final Pattern BROADCAST = Pattern.compile("@(channel|here|everyone)\\b");
    private static final Pattern CHANNEL_REF = Pattern.compile("<#([CG][A-Z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^|>]+)(?:\\|[^>]*)?>");
    private static final Pattern LEADING_MENTION = Pattern.compile("^\\s*<@([UWB][A-Z0-9]+)(?:\\|[^>]*)?>[\\s,:]*");

    private SlackText() {
    }

    /** Escapes the three characters Slack treats as markup. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Mos's light Markdown as safe Slack mrkdwn. */
    static String toMrkdwn(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length() + 16);
        boolean inFence = false;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
                // Slack ignores a language tag after the fence and would show it as text.
                line = line.substring(0, line.indexOf("```") + 3);
            } else if (!inFence) {
                line = BOLD.matcher(line).replaceAll("*$1*");
            }
            out.append(escape(line));
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return BROADCAST.matcher(out).replaceAll("@\u2060$1");
    }

    /**
     * Splits {@code markdown} into mrkdwn parts of at most {@code limit} characters each after
     * escaping, with code fences balanced in every part.
     */
    static List<String> split(String markdown, int limit) {
        List<String> parts = new ArrayList<>();
        splitInto(markdown, limit, limit, parts);
        return parts;
    }

    private static void splitInto(String markdown, int budget, int limit, List<String> parts) {
        for (String raw : new TextSplitter(budget).split(markdown)) {
            String part = toMrkdwn(raw);
            if (part.length() <= limit || budget <= 64) {
                parts.add(part);
            } else {
                // Escaping made it longer (many &, <, >): cut this piece finer.
                splitInto(raw, Math.max(64, budget * limit / part.length() - 8), limit, parts);
            }
        }
    }

    /** A message's text as a person meant it: Slack's escapes undone, its markup made plain. */
    static String fromSlack(String text) {
        if (text == null) {
            return "";
        }
        String t = CHANNEL_REF.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(2) == null || m.group(2).isEmpty() ? "#" + m.group(1) : "#" + m.group(2)));
        t = LINK.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        return t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The user id of a mention at the very start of {@code text}, or null. */
    static String leadingMention(String text) {
        Matcher m = LEADING_MENTION.matcher(text == null ? "" : text);
        return m.find() ? m.group(1) : null;
    }

    /** {@code text} without a leading mention. */
    static String withoutLeadingMention(String text) {
        Matcher m = LEADING_MENTION.matcher(text);
        return m.find() ? text.substring(m.end()) : text;
    }
}
