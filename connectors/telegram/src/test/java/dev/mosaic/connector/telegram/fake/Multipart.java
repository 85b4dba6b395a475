package dev.mosaic.connector.telegram.fake;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal multipart/form-data reader: what OkHttp sends for sendDocument. */
final class Multipart {

    /** One part: a field value or an uploaded file. */
    record Part(String name, String fileName, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern FILE = Pattern.compile("filename=\"([^\"]*)\"");

    private Multipart() {
    }

    static Map<String, Part> parse(String contentType, byte[] body) {
        Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        if (!b.find()) {
            throw new IllegalArgumentException("no boundary in " + contentType);
        }
        String all = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + b.group(1);
        Map<String, Part> parts = new LinkedHashMap<>();
        int pos = all.indexOf(delimiter);
        while (pos >= 0) {
            int start = pos + delimiter.length();
            if (all.startsWith("--", start)) {
                break;
            }
            int next = all.indexOf(delimiter, start);
            if (next < 0) {
                break;
            }
            String raw = all.substring(start, next);
            int headerEnd = raw.indexOf("\r\n\r\n");
            String headers = raw.substring(0, headerEnd);
            String content = raw.substring(headerEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            Matcher n = NAME.matcher(headers);
            Matcher f = FILE.matcher(headers);
            if (n.find()) {
                parts.put(n.group(1), new Part(n.group(1), f.find() ? f.group(1) : null,
                        content.getBytes(StandardCharsets.ISO_8859_1)));
            }
            pos = next;
        }
        return parts;
    }
}
