package dev.mosaic.fleet.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.roster.AgentSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * One Claude Code agent's {@code CLAUDE_CONFIG_DIR}: {@code .claude.json} with the answers to the
 * first-run dialogs (onboarding, theme, folder trust, the API key, the auto-mode nudge, no
 * auto-updates), and {@code settings.json} = the user's own {@code ~/.claude/settings.json} (read,
 * never changed) with Mos's state hooks added to theirs, a status line that beats (unless they have
 * their own) and, for the orchestrator, permission for exactly the Mos commands of its bridge.
 */
final class ClaudeConfig {

    /** The hooks that report state (docs/harnesses.md maps each to a live state). */
    static final List<String> EVENTS = List.of("SessionStart", "UserPromptSubmit", "PreToolUse", "PermissionRequest",
            "Notification", "PostToolUse", "Stop", "StopFailure", "SessionEnd");
    /** Events whose hook entries take a tool matcher. */
    private static final List<String> TOOL_EVENTS = List.of("PreToolUse", "PermissionRequest", "PostToolUse");
    /** The version whose onboarding the written answers cover (the pinned, tested one). */
    static final String ONBOARDED_VERSION = "2.1.328";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaudeConfig() {
    }

    static Path write(Path dir, Path userHome, Path workdir, Path hook, MosaicEnv env, AgentSpec agent,
                      boolean orchestrator) {
        if (hook.toString().contains("'")) {
            throw new FleetException("MOSAIC_HOME " + env.home() + " contains a quote; Claude Code hooks cannot name it");
        }
        try {
            Files.createDirectories(dir);
            writeJson(dir.resolve(".claude.json"), state(read(dir.resolve(".claude.json")), workdir, agent));
            Path userSettings = userHome.resolve(".claude").resolve("settings.json");
            ObjectNode settings = read(userSettings);
            writeJson(dir.resolve("settings.json"), settings(settings, hook, env, orchestrator));
            Path credentials = userHome.resolve(".claude").resolve(".credentials.json");
            Path link = dir.resolve(".credentials.json");
            if (Files.isRegularFile(credentials) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, credentials); // a logged-in user's agents share the login
            }
            return dir;
        } catch (IOException e) {
            throw new FleetException("cannot write Claude Code settings for '" + agent.name() + "' in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    static ObjectNode state(ObjectNode s, Path workdir, AgentSpec agent) {
        s.put("hasCompletedOnboarding", true);
        s.put("lastOnboardingVersion", ONBOARDED_VERSION);
        if (!s.has("theme")) {
            s.put("theme", "dark");
        }
        s.put("hasSeenAutoDefaultNudge", true);
        s.put("autoUpdates", false);
        s.put("messageIdleNotifThresholdMs", 60_000);
        ObjectNode projects = s.has("projects") && s.get("projects").isObject() ? (ObjectNode) s.get("projects")
                : s.putObject("projects");
        ObjectNode project = projects.has(workdir.toString()) && projects.get(workdir.toString()).isObject()
                ? (ObjectNode) projects.get(workdir.toString()) : projects.putObject(workdir.toString());
        project.put("hasTrustDialogAccepted", true);
        String key = agent.env().get("ANTHROPIC_API_KEY");
        if (key != null && key.length() >= 20) {
            ObjectNode responses = s.has("customApiKeyResponses") && s.get("customApiKeyResponses").isObject()
                    ? (ObjectNode) s.get("customApiKeyResponses") : s.putObject("customApiKeyResponses");
            ArrayNode approved = responses.withArray("approved");
            String tail = key.substring(key.length() - 20);
            boolean known = false;
            for (JsonNode n : approved) {
                known |= n.asText().equals(tail);
            }
            if (!known) {
                approved.add(tail);
            }
            responses.withArray("rejected");
        }
        return s;
    }

    static ObjectNode settings(ObjectNode user, Path hook, MosaicEnv env, boolean orchestrator) {
        ObjectNode s = user.deepCopy();
        ObjectNode hooks = s.has("hooks") && s.get("hooks").isObject() ? (ObjectNode) s.get("hooks") : s.putObject("hooks");
        for (String event : EVENTS) {
            ArrayNode list = hooks.has(event) && hooks.get(event).isArray() ? (ArrayNode) hooks.get(event)
                    : hooks.putArray(event);
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).toString().contains("mosaic-agent-hook")) {
                    list.remove(i);
                }
            }
            ObjectNode entry = list.addObject();
            if (TOOL_EVENTS.contains(event)) {
                entry.put("matcher", "*");
            }
            entry.putArray("hooks").addObject().put("type", "command").put("command", command(hook, event));
        }
        if (!s.has("statusLine")) {
            // the status line re-runs every interval: the harness's own heartbeat while it is idle
            s.putObject("statusLine").put("type", "command").put("command", command(hook, "status"))
                    .put("refreshInterval", Math.max(1, env.heartbeatInterval().toSeconds()));
        }
        if (orchestrator) {
            ObjectNode perms = s.has("permissions") && s.get("permissions").isObject()
                    ? (ObjectNode) s.get("permissions") : s.putObject("permissions");
            ArrayNode allow = perms.withArray("allow");
            for (String cmd : Bootstrap.ALLOWED) {
                String rule = "Bash(" + cmd + ":*)";
                boolean present = false;
                for (JsonNode n : allow) {
                    present |= n.asText().equals(rule);
                }
                if (!present) {
                    allow.add(rule);
                }
            }
        }
        return s;
    }

    private static String command(Path hook, String event) {
        return "'" + hook + "' claude " + event;
    }

    private static ObjectNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new FleetException(file + " is not a JSON object; Mos merges its settings into it and will not"
                        + " guess");
            }
            return (ObjectNode) n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FleetException(file + " is not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage());
        }
    }

    /** A settings file's text as an object ({@code ""}: none); {@code where} names it in errors. */
    static ObjectNode parse(String text, String where) {
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) {
                throw new FleetException(where + " is not a JSON object; Mos merges its settings into it and will not"
                        + " guess");
            }
            return (ObjectNode) n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FleetException(where + " is not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage());
        }
    }

    static String text(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeJson(Path file, JsonNode node) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
