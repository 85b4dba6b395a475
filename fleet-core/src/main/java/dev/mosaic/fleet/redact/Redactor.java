package dev.mosaic.fleet.redact;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secret-looking strings with {@code [redacted]} in agent output before it is relayed to
 * chat. An agent's terminal may show a token (an {@code env} dump, a curl with a header); a chat
 * channel is no place for it. Errs on the side of hiding: a redacted hash costs less than a leaked
 * key.
 */
public final class Redactor {

    public static final String MARK = "[redacted]";

    /**
     * A pattern with the text it cannot match without: when none of {@code anyOf} occurs (a plain
     * {@code indexOf}, case-insensitive when {@code ignoreCase}), the regex is not run. A ps reply of
     * 100 rows went through all the patterns in 2.7 ms, most of the chat service's time per command.
     */
    private record Guarded(Pattern pattern, boolean ignoreCase, List<String> anyOf) {
        boolean mayMatch(String text, String lower) {
            for (String literal : anyOf) {
                if ((ignoreCase ? lower : text).contains(literal)) {
                    return true;
                }
            }
            return anyOf.isEmpty();
        }
    }

    private static Guarded token(String regex, String... anyOf) {
        return new Guarded(Pattern.compile(regex), false, List.of(anyOf));
    }

    /** Whole-match patterns: the match is the secret. */
    private static final List<Guarded> TOKENS = List.of(
            // PEM private keys, whole block
            token("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----", "PRIVATE KEY-----"),
            // ... or cut by the window being relayed (tail n): a BEGIN with no END hides the rest,
            token("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*", "PRIVATE KEY-----"),
            // an END with no BEGIN hides everything before it (base64 lines of the key body)
            token("\\A(?:(?!-----BEGIN)[\\s\\S])*?-----END [A-Z ]*PRIVATE KEY-----", "-----END "),
            // JSON Web Tokens: header.payload.signature, both first parts base64url of '{"'
            token("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{10,}", "eyJ"),
            // Discord and Slack incoming-webhook URLs: the URL itself is the credential
            token("https?://(?:[a-z]+\\.)?discord(?:app)?\\.com/api/webhooks/\\d+/[A-Za-z0-9_-]+", "/api/webhooks/"),
            token("https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+", "hooks.slack.com/"),
            // GitLab personal/project/group access tokens and Hugging Face tokens
            token("\\bglpat-[A-Za-z0-9_-]{20,}", "glpat-"),
            token("\\bgl(?:dt|ptt|rt|soat|cbt)-[A-Za-z0-9_-]{20,}", "gldt-", "glptt-", "glrt-", "glsoat-", "glcbt-"),
            token("\\bhf_[A-Za-z0-9]{30,}\\b", "hf_"),
            // Slack refresh/rotating tokens (xoxe.xoxp-…, xoxe-…)
            token("\\bxoxe[.-][A-Za-z0-9.-]{10,}", "xoxe"),
            // Discord bot token: base64 user id . timestamp . hmac
            token("\\b[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}\\b", "."),
            // Slack bot/user/app tokens
            token("\\bxox[abposre]-[A-Za-z0-9-]{10,}", "xox"),
            token("\\bxapp-[A-Za-z0-9-]{10,}", "xapp-"),
            // GitHub tokens
            token("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
            token("\\bgithub_pat_[A-Za-z0-9_]{22,}\\b", "github_pat_"),
            // OpenAI / Anthropic style keys
            token("\\bsk-[A-Za-z0-9_-]{20,}", "sk-"),
            // AWS access key ids
            token("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", "AKIA", "ASIA"),
            // Google API keys
            token("\\bAIza[0-9A-Za-z_-]{35}\\b", "AIza"),
            // Matrix access tokens
            token("\\bsyt_[A-Za-z0-9_]{20,}", "syt_"),
            // Telegram bot tokens: bot id : secret
            token("\\b\\d{8,10}:[A-Za-z0-9_-]{35}\\b", ":"),
            // Mos's own agent say-credentials (MOSAIC_SAY_TOKEN)
            token("\\bmos1\\.[a-z0-9_-]{1,40}\\.[0-9a-f]{32}\\.[0-9a-f]{64}\\b", "mos1."));

    /** Keep group 1 (the label), hide group 2 (the value). Guards in lower case, matched ignoring case. */
    private static final List<Guarded> LABELLED = List.of(
            // credentials in a URL: scheme://user:password@host keeps the user, hides the password
            new Guarded(Pattern.compile("(\\b[a-z][a-z0-9+.-]*://[^\\s:/@]+:)([^\\s@/]{3,})(?=@)"), false,
                    List.of("://")),
            new Guarded(Pattern.compile("(?i)(\\bbearer\\s+)([A-Za-z0-9._~+/=-]{8,})"), true, List.of("bearer")),
            new Guarded(Pattern.compile("(?i)(\\bauthorization\\s*[:=]\\s*(?:basic\\s+)?)([A-Za-z0-9._~+/=-]{8,})"),
                    true, List.of("authorization")),
            // The lookbehind anchors the name at the start of a word: without it the engine retries
            // the greedy name from every character of every word, which dominated long replies (ps).
            new Guarded(Pattern.compile("(?i)((?<![a-z0-9_.-])(?:[a-z0-9_.-]*(?:api[_-]?key|apikey|secret|token|"
                    + "passw(?:or)?d|pwd|access[_-]?key|private[_-]?key|credentials?))[\"']?\\s*[:=]\\s*[\"']?)"
                    + "([^\\s\"',;&]{6,})"), true, List.of("key", "secret", "token", "passw", "pwd", "credential")));

    private Redactor() {
    }

    /** {@code text} with every secret-looking string replaced by {@value #MARK}. */
    public static String redact(String text) {
        String out = text;
        String lower = text.toLowerCase(Locale.ROOT);
        for (Guarded g : TOKENS) {
            if (g.mayMatch(out, lower)) {
                out = g.pattern().matcher(out).replaceAll(Matcher.quoteReplacement(MARK));
            }
        }
        // what the tokens left, in lower case: a guard never finds a literal only a token had
        lower = out.toLowerCase(Locale.ROOT);
        for (Guarded g : LABELLED) {
            if (!g.mayMatch(out, lower)) {
                continue;
            }
            Matcher m = g.pattern().matcher(out);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String value = m.group(2);
                String replacement = value.equals(MARK) ? m.group() : m.group(1) + MARK;
                m.appendReplacement(b, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(b);
            out = b.toString();
            lower = out.toLowerCase(Locale.ROOT);
        }
        return out;
    }
}
