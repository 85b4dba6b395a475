package dev.mosaic.connector.telegram.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telegram's HTML parse mode as the Bot API applies it: the supported tags become entities, the
 * four named entities and numeric ones are decoded, and anything else is a {@code 400 Bad Request:
 * can't parse entities: ...}. What it returns is what Telegram stores and shows: the plain text
 * plus entities with UTF-16 offsets.
 */
public final class BotHtml {

    /** One formatting entity, as the Bot API reports it. */
    public record Entity(String type, int offset, int length, String language, String url) {
    }

    /** The parsed message. */
    public record Parsed(String text, List<Entity> entities) {
    }

    /** The HTML could not be parsed; the message is Telegram's description. */
    public static final class ParseError extends Exception {
        private static final long serialVersionUID = 1L;

        ParseError(String message) {
            super("Bad Request: can't parse entities: " + message);
        }
    }

    private static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("b", "bold"), Map.entry("strong", "bold"), Map.entry("i", "italic"), Map.entry("em", "italic"),
            Map.entry("u", "underline"), Map.entry("ins", "underline"), Map.entry("s", "strikethrough"),
            Map.entry("strike", "strikethrough"), Map.entry("del", "strikethrough"), Map.entry("code", "code"),
            Map.entry("pre", "pre"), Map.entry("a", "text_link"), Map.entry("tg-spoiler", "spoiler"),
            Map.entry("span", "spoiler"), Map.entry("blockquote", "blockquote"));
    private static final Set<String> NAMED = Set.of("lt", "gt", "amp", "quot");
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z-]+)\\s*=\\s*\"([^\"]*)\"");

    private record Open(String name, int start, Map<String, String> attrs, int at) {
    }

    private BotHtml() {
    }

    public static Parsed parse(String html) throws ParseError {
        StringBuilder text = new StringBuilder();
        Deque<Open> stack = new ArrayDeque<>();
        List<Entity> entities = new ArrayList<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    throw new ParseError("Unclosed start tag at byte offset " + bytes(html, i));
                }
                String inside = html.substring(i + 1, end).strip();
                if (inside.startsWith("/")) {
                    String name = inside.substring(1).strip().toLowerCase(Locale.ROOT);
                    if (stack.isEmpty()) {
                        throw new ParseError("Unexpected end tag at byte offset " + bytes(html, i));
                    }
                    Open open = stack.pop();
                    if (!open.name().equals(name)) {
                        throw new ParseError("Unmatched end tag at byte offset " + bytes(html, i) + ", expected \"</"
                                + open.name() + ">\", found \"</" + name + ">\"");
                    }
                    close(open, text.length(), stack, entities);
                } else {
                    int sp = inside.indexOf(' ');
                    String name = (sp < 0 ? inside : inside.substring(0, sp)).toLowerCase(Locale.ROOT);
                    if (!TAGS.containsKey(name) || name.isEmpty()) {
                        throw new ParseError("Unsupported start tag \"" + name + "\" at byte offset " + bytes(html, i));
                    }
                    Map<String, String> attrs = new java.util.HashMap<>();
                    Matcher m = ATTR.matcher(sp < 0 ? "" : inside.substring(sp));
                    while (m.find()) {
                        attrs.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
                    }
                    if (name.equals("span") && !"tg-spoiler".equals(attrs.get("class"))) {
                        throw new ParseError("Tag \"span\" must have class \"tg-spoiler\" at byte offset " + bytes(html, i));
                    }
                    stack.push(new Open(name, text.length(), attrs, i));
                }
                i = end + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i);
                if (semi < 0 || semi - i > 10) {
                    throw new ParseError("Character entity expected at byte offset " + bytes(html, i));
                }
                String name = html.substring(i + 1, semi);
                if (NAMED.contains(name)) {
                    text.append(switch (name) {
                        case "lt" -> '<';
                        case "gt" -> '>';
                        case "amp" -> '&';
                        default -> '"';
                    });
                } else if (name.matches("#[0-9]{1,7}") || name.matches("#x[0-9a-fA-F]{1,6}")) {
                    int cp = name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                    text.appendCodePoint(cp);
                } else {
                    throw new ParseError("Unsupported HTML entity \"&" + name + ";\" at byte offset " + bytes(html, i));
                }
                i = semi + 1;
            } else if (c == '>') {
                throw new ParseError("Unexpected \">\" at byte offset " + bytes(html, i));
            } else {
                text.append(c);
                i++;
            }
        }
        if (!stack.isEmpty()) {
            throw new ParseError("Can't find end tag corresponding to start tag \"" + stack.peek().name() + "\"");
        }
        entities.sort(java.util.Comparator.comparingInt(Entity::offset));
        return new Parsed(text.toString(), List.copyOf(entities));
    }

    private static void close(Open open, int end, Deque<Open> stack, List<Entity> entities) {
        int length = end - open.start();
        if (length == 0) {
            return;
        }
        String type = TAGS.get(open.name());
        if (open.name().equals("code") && !stack.isEmpty() && stack.peek().name().equals("pre")) {
            // <pre><code class="language-x"> is one pre entity with a language
            String cls = open.attrs().getOrDefault("class", "");
            if (cls.startsWith("language-")) {
                stack.push(new Open("pre", stack.pop().start(), Map.of("language", cls.substring(9)), open.at()));
            }
            return;
        }
        entities.add(new Entity(type, open.start(), length, open.attrs().get("language"), open.attrs().get("href")));
    }

    private static int bytes(String s, int index) {
        return s.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    }
}
