package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.harness.Approvals;
import dev.mosaic.mos.cli.CliContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What {@code agent approve} and {@code agent deny} share: answer the prompt through the fleet,
 * audit who decided (also a refusal), print what was answered.
 */
public final class PromptAnswer {

    private PromptAnswer() {
    }

    /** A short id of a prompt (its fingerprint's hash), as relayed to chat and accepted by {@code --prompt}. */
    public static String id(Approvals.Prompt p) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(p.fingerprint().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int run(CliContext context, String name, boolean approve, String promptId) {
        String action = approve ? "agent.approve" : "agent.deny";
        String expected = null;
        if (promptId != null) {
            var now = context.fleet().pendingPrompt(name);
            if (now.isPresent() && id(now.get()).equals(promptId)) {
                expected = now.get().fingerprint();
            } else {
                String it = now.map(p -> "waiting for approval of " + p.summary()).orElse("not waiting for approval");
                context.audit(action, name, "refused", Map.of("reason", "prompt gone", "prompt", promptId));
                throw new dev.mosaic.fleet.FleetException("that prompt is gone (" + name + " is now " + it + ")");
            }
        }
        try {
            Approvals.Prompt p = context.fleet().answer(name, approve, expected);
            context.audit(action, name, "ok", Map.of("prompt", p.summary()));
            context.out().println((approve ? "approved " : "denied ") + name + ": " + p.summary());
            return 0;
        } catch (MosaicException e) {
            context.audit(action, name, "refused", Map.of("reason", e.getMessage()));
            throw e;
        }
    }
}
