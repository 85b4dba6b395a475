package dev.mosaic.fleet.preset;

import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.roster.Roster;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the roster text {@code fleet init} generates for an {@link InitPlan}: block style, one
 * key per line, with a short header comment. Secrets appear only as references.
 */
public final class RosterTemplate {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private RosterTemplate() {
    }

    public static String render(InitPlan plan) {
        StringBuilder y = new StringBuilder();
        y.append("# Mos fleet roster, written by 'mosaic fleet init' (preset: ").append(plan.preset()).append(").\n");
        y.append("# Edit freely: a later 'mosaic fleet init' merges the preset into your changes.\n");
        y.append("# Every key is documented in docs/configure.md. Secrets only as ${env:NAME} or ${file:PATH}.\n");
        y.append("version: ").append(Roster.CURRENT_VERSION).append('\n');
        y.append("fleet:\n");
        y.append("  name: ").append(q(plan.fleetName())).append('\n');
        y.append("  type: ").append(q(plan.preset())).append('\n');
        y.append("  comms: tmux\n");
        y.append("orchestrator:\n");
        AgentSpec o = plan.orchestrator();
        y.append("  name: ").append(q(o.name())).append('\n');
        y.append("  runtime: ").append(q(o.runtime())).append('\n');
        y.append("  workdir: ").append(q(o.workdir() != null ? o.workdir() : plan.workdir())).append('\n');
        if (plan.connectorType() != null) {
            y.append("  connectors:\n");
            y.append("    ").append(plan.connectorType()).append(":\n");
            for (Map.Entry<String, String> e : plan.connectorValues().entrySet()) {
                y.append("      ").append(e.getKey()).append(": ").append(q(e.getValue())).append('\n');
            }
        }
        y.append("principals:\n");
        y.append("  owner:\n");
        y.append("    role: admin\n");
        for (Map.Entry<String, String> e : plan.ownerIds().entrySet()) {
            y.append("    ").append(e.getKey()).append(": ").append(q(e.getValue())).append('\n');
        }
        if (plan.agents().isEmpty()) {
            y.append("agents: []\n");
        } else {
            y.append("agents:\n");
            for (AgentSpec a : plan.agents()) {
                y.append("  - name: ").append(q(a.name())).append('\n');
                y.append("    role: ").append(q(a.role())).append('\n');
                y.append("    runtime: ").append(q(a.runtime())).append('\n');
                y.append("    workdir: ").append(q(a.workdir() != null ? a.workdir() : plan.workdir())).append('\n');
                if (!HostSpec.LOCAL.equals(a.host())) {
                    y.append("    host: ").append(q(a.host())).append('\n');
                }
                if (a.command() != null) {
                    y.append("    command: ").append(q(a.command())).append('\n');
                }
            }
        }
        return y.toString();
    }

    /** A YAML scalar: plain when it is a simple word that YAML reads as a string, else double-quoted. */
    static String q(String s) {
        if (s == null) {
            return "null";
        }
        if (PLAIN.matcher(s).matches() && !s.matches("(?i)true|false|yes|no|on|off|null|y|n")) {
            return s;
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
