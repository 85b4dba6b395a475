package dev.mosaic.connector.discord.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal multipart/form-data reader: enough for JDA's {@code payload_json} plus {@code files[n]} uploads. */
final class Multipart {

    /** One part: its form name, file name (or null) and raw bytes. */
    record Part(String name, String filename, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    private Multipart() {
    }

    static List<Part> parse(String contentType, byte[] body) {
        Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        if (!b.find()) {
            throw new IllegalArgumentException("multipart without boundary: " + contentType);
        }
        // ISO-8859-1 maps every byte to one char, so offsets carry over to the raw bytes.
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + b.group(1);
        List<Part> parts = new ArrayList<>();
        int pos = raw.indexOf(delimiter);
        while (pos >= 0) {
            int start = pos + delimiter.length();
            if (raw.startsWith("--", start)) {
                break;
            }
            int next = raw.indexOf("\r\n" + delimiter, start);
            if (next < 0) {
                break;
            }
            String section = raw.substring(start + 2, next); // skip CRLF after the delimiter
            int headerEnd = section.indexOf("\r\n\r\n");
            String headers = section.substring(0, headerEnd);
            byte[] data = section.substring(headerEnd + 4).getBytes(StandardCharsets.ISO_8859_1);
            Matcher n = NAME.matcher(headers);
            Matcher f = FILENAME.matcher(headers);
            parts.add(new Part(n.find() ? n.group(1) : "", f.find() ? f.group(1) : null, data));
            pos = next + 2;
        }
        return parts;
    }
}
