package dev.mosaic.fleet.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.MosaicException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A harness asking its person a question and how to type the answer. Claude Code's
 * {@code AskUserQuestion} tool draws a dialog (no hook but its {@code PreToolUse}, whose payload the
 * hook saves): the question, numbered options, then {@code N. Type something.} for a free answer.
 * A digit picks an option at once; the free answer is the digit of "Type something.", the text,
 * then Enter (recorded from 2.1.328, docs/harnesses.md).
 */
public final class Questions {

    /** The option line of Claude Code's question dialog: {@code ❯ 3. Type something.} */
    private static final Pattern OPTION = Pattern.compile("^\\s*(?:❯\\s*)?(\\d)\\.\\s+(.+?)\\s*$", Pattern.MULTILINE);
    private static final String FREE = "Type something.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A question on an agent's screen.
     *
     * @param text the question
     * @param options the offered answers, in order (option {@code i} is typed as digit {@code i+1})
     * @param summary the question and its options, for ps and chat (redacted, clipped)
     */
    public record Question(String text, List<String> options, String summary) {
        public Question {
            options = List.copyOf(options);
        }
    }

    /**
     * What to type: {@code key} (a digit) picks an option or opens the free answer, {@code text} is
     * the free answer ({@code null} when an option was picked), then Enter.
     */
    public record Answer(String key, String text) {
    }

    private Questions() {
    }

    /**
     * The question the agent's saved request asks that {@code screen} shows now, if any: the first
     * of the request's questions whose text is on screen (a form with several shows one at a time).
     */
    public static Optional<Question> current(String request, String screen) {
        if (request == null || screen == null) {
            return Optional.empty();
        }
        for (Question q : all(request)) {
            if (screen.contains(q.text()) && screen.contains(FREE)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** The questions of an {@code AskUserQuestion} hook payload; empty for any other tool. */
    static List<Question> all(String request) {
        List<Question> out = new ArrayList<>();
        try {
            JsonNode n = JSON.readTree(request);
            if (!"AskUserQuestion".equals(n.path("tool_name").asText())) {
                return out;
            }
            for (JsonNode q : n.path("tool_input").path("questions")) {
                String text = q.path("question").asText("").strip();
                if (text.isEmpty()) {
                    continue;
                }
                List<String> options = new ArrayList<>();
                StringBuilder summary = new StringBuilder(text);
                for (JsonNode o : q.path("options")) {
                    String label = o.path("label").asText("").strip();
                    options.add(label);
                    String d = o.path("description").asText("").strip();
                    summary.append("\n  ").append(options.size()).append(". ").append(label)
                            .append(d.isEmpty() ? "" : " — " + d);
                }
                out.add(new Question(text, options, LiveState.clip(summary.toString())));
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /**
     * How to type {@code reply} into the dialog on {@code screen}: an option's number or label
     * (ignoring case) picks it; anything else is a free answer.
     *
     * @throws IllegalStateException when the screen offers no free answer (the dialog is gone)
     */
    public static Answer plan(Question q, String screen, String reply) {
        String r = reply.strip();
        for (int i = 0; i < q.options().size() && i < 9; i++) {
            if (r.equals(Integer.toString(i + 1)) || r.equalsIgnoreCase(q.options().get(i))) {
                return new Answer(Integer.toString(i + 1), null);
            }
        }
        Matcher m = OPTION.matcher(screen);
        while (m.find()) {
            if (m.group(2).equals(FREE)) {
                return new Answer(m.group(1), r.replaceAll("\\s*\\R\\s*", " "));
            }
        }
        throw new IllegalStateException("the question dialog offers no free answer");
    }

    /**
     * Types {@code reply} as the answer to the question on the agent's screen, after checking on a
     * fresh read that a question is there: a digit for an option, else the digit of the free answer,
     * the text and Enter, each after the harness has had {@link Approvals#SETTLE} to draw the last.
     *
     * @param typeLiteral types text literally (never as key names)
     * @param press presses one tmux key name
     * @throws FleetException "that question is gone (NAME is now …)" when none is on screen
     */
    public static Question answer(String agent, String reply, Supplier<String> screen, Supplier<String> request,
                                  Consumer<String> typeLiteral, Consumer<String> press, Duration enterDelay,
                                  Supplier<String> now) {
        if (reply == null || reply.isBlank()) {
            throw new FleetException(MosaicException.Kind.INVALID, "the answer for " + agent + " is empty");
        }
        String scr = screen.get();
        Question q = current(request.get(), scr).orElseThrow(() ->
                new FleetException(MosaicException.Kind.CONFLICT, "that question is gone (" + agent + " is now " + now.get() + ")"));
        Answer a;
        try {
            a = plan(q, scr, reply);
        } catch (IllegalStateException e) {
            throw new FleetException(MosaicException.Kind.CONFLICT, "that question is gone (" + agent + " is now " + now.get() + ")");
        }
        pause(Approvals.SETTLE);
        typeLiteral.accept(a.key());
        if (a.text() != null) {
            pause(Approvals.SETTLE);
            typeLiteral.accept(a.text());
            pause(enterDelay.compareTo(Approvals.SETTLE) > 0 ? enterDelay : Approvals.SETTLE);
            press.accept("Enter");
        }
        return q;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // the dialog redraws between keys; an early key is lost
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted while answering a question");
        }
    }
}
