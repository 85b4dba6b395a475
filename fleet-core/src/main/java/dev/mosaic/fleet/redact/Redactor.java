package dev.mosaic.fleet.redact;

import java.util.List;
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

    /** Whole-match patterns: the match is the secret. */
    private static final List<Pattern> TOKENS = List.of(
            // PEM private keys, whole block
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"),
            // ... or cut by the window being relayed (tail n): a BEGIN with no END hides the rest,
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*"),
            // an END with no BEGIN hides everything before it (base64 lines of the key body)
            Pattern.compile("\\A(?:(?!-----BEGIN)[\\s\\S])*?-----END [A-Z ]*PRIVATE KEY-----"),
            // JSON Web Tokens: header.payload.signature, both first parts base64url of '{"'
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{10,}"),
            // Discord and Slack incoming-webhook URLs: the URL itself is the credential
            Pattern.compile("https?://(?:[a-z]+\\.)?discord(?:app)?\\.com/api/webhooks/\\d+/[A-Za-z0-9_-]+"),
            Pattern.compile("https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+"),
            // GitLab personal/project/group access tokens and Hugging Face tokens
            Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}"),
            Pattern.compile("\\bgl(?:dt|ptt|rt|soat|cbt)-[A-Za-z0-9_-]{20,}"),
            Pattern.compile("\\bhf_[A-Za-z0-9]{30,}\\b"),
            // Slack refresh/rotating tokens (xoxe.xoxp-…, xoxe-…)
            Pattern.compile("\\bxoxe[.-][A-Za-z0-9.-]{10,}"),
            // Discord bot token: base64 user id . timestamp . hmac
            Pattern.compile("\\b[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}\\b"),
            // Slack bot/user/app tokens
            Pattern.compile("\\bxox[abposre]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("\\bxapp-[A-Za-z0-9-]{10,}"),
            // GitHub tokens
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b"),
            Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{22,}\\b"),
            // OpenAI / Anthropic style keys
            Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}"),
            // AWS access key ids
            Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            // Google API keys
            Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"),
            // Matrix access tokens
            Pattern.compile("\\bsyt_[A-Za-z0-9_]{20,}"),
            // Telegram bot tokens: bot id : secret
            Pattern.compile("\\b\\d{8,10}:[A-Za-z0-9_-]{35}\\b"),
            // Mos's own agent say-credentials (MOSAIC_SAY_TOKEN)
            Pattern.compile("\\bmos1\\.[a-z0-9_-]{1,40}\\.[0-9a-f]{32}\\.[0-9a-f]{64}\\b"));

    /** Keep group 1 (the label), hide group 2 (the value). */
    private static final List<Pattern> LABELLED = List.of(
            // credentials in a URL: scheme://user:password@host keeps the user, hides the password
            Pattern.compile("(\\b[a-z][a-z0-9+.-]*://[^\\s:/@]+:)([^\\s@/]{3,})(?=@)"),
            Pattern.compile("(?i)(\\bbearer\\s+)([A-Za-z0-9._~+/=-]{8,})"),
            Pattern.compile("(?i)(\\bauthorization\\s*[:=]\\s*(?:basic\\s+)?)([A-Za-z0-9._~+/=-]{8,})"),
            // The lookbehind anchors the name at the start of a word: without it the engine retries
            // the greedy name from every character of every word, which dominated long replies (ps).
            Pattern.compile("(?i)((?<![a-z0-9_.-])(?:[a-z0-9_.-]*(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd|access[_-]?key|"
                    + "private[_-]?key|credentials?))[\"']?\\s*[:=]\\s*[\"']?)([^\\s\"',;&]{6,})"));

    private Redactor() {
    }

    /** {@code text} with every secret-looking string replaced by {@value #MARK}. */
    public static String redact(String text) {
        String out = text;
        for (Pattern p : TOKENS) {
            out = p.matcher(out).replaceAll(Matcher.quoteReplacement(MARK));
        }
        for (Pattern p : LABELLED) {
            Matcher m = p.matcher(out);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String value = m.group(2);
                String replacement = value.equals(MARK) ? m.group() : m.group(1) + MARK;
                m.appendReplacement(b, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(b);
            out = b.toString();
        }
        return out;
    }
}
