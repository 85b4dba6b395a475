package dev.mosaic.mos.chat;

import dev.mosaic.connector.InboundMessage;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.app.Outcome;
import dev.mosaic.fleet.audit.AuditRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Running verbs: confirmations, redelivery, failures, redaction and the audit trail. */
class ChatRouterCommandTest {

    @TempDir
    Path dir;

    private RouterFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new RouterFixture(dir, ChatConfig.defaults());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aConfirmationOffersButtonsAndOnlyTheAskersPressRunsIt() {
        String ask = f.dm("100", "remove coder-2");
        String code = RouterFixture.code(ask);
        dev.mosaic.connector.OutboundMessage question = f.chat.replies().get(f.chat.replies().size() - 1);
        assertThat(question.actions()).containsExactly(
                new dev.mosaic.connector.Action("Confirm", "confirm " + code, dev.mosaic.connector.Action.Style.DANGER),
                dev.mosaic.connector.Action.of("Cancel", "cancel"));

        // a press is the presser typing the button's command, with Addressing.ACTION
        var dm = f.chat.dm("dm-100");
        f.chat.say(new dev.mosaic.connector.InboundMessage("press-1", dm, f.chat.user("101"), "confirm " + code,
                java.time.Instant.now(), dev.mosaic.connector.Addressing.ACTION));
        assertThat(f.chat.awaitReply().text()).startsWith("Nothing is waiting for your confirmation here.");
        assertThat(f.executor.calls).isEmpty();

        f.chat.say(new dev.mosaic.connector.InboundMessage("press-2", dm, f.chat.user("100"), "confirm " + code,
                java.time.Instant.now(), dev.mosaic.connector.Addressing.ACTION));
        assertThat(f.chat.awaitReply().text()).isEqualTo("```\nran remove coder-2\n```");
        assertThat(f.executor.calls).hasSize(1);
    }

    @Test
    void removeDoesNothingUntilConfirmed() {
        String ask = f.dm("100", "remove coder-2");
        assertThat(ask).matches("This removes coder-2 from the roster\\. Reply `confirm \\d{4}` within 2 minutes \\(or `cancel`\\)\\.");
        assertThat(f.executor.calls).isEmpty();

        String done = f.dm("100", "confirm " + RouterFixture.code(ask));

        assertThat(done).isEqualTo("```\nran remove coder-2\n```");
        assertThat(f.executor.calls).containsExactly(new RouterFixture.Call(new Operation.Remove("coder-2"), "loopback:100"));
        assertThat(f.dm("100", "confirm " + RouterFixture.code(ask))).as("a code works once")
                .startsWith("Nothing is waiting for your confirmation here.");
        assertThat(f.executor.calls).hasSize(1);
    }

    @Test
    void stopAllAndSwitchingCommsAskFirstButStoppingOneAgentDoesNot() {
        assertThat(f.dm("100", "stop all")).startsWith("This stops every agent of the fleet. Reply `confirm ");
        assertThat(f.dm("100", "comms matrix")).startsWith("This switches how every agent receives messages to matrix.");
        assertThat(f.executor.calls).isEmpty();

        assertThat(f.dm("100", "stop coder-1")).contains("ran stop coder-1");
        assertThat(f.dm("100", "comms")).contains("ran comms");
    }

    @Test
    void aConfirmationFromAnotherPersonOrAnotherConversationDoesNotCount() {
        String code = RouterFixture.code(f.inChannel("100", "ops", "!mos remove coder-2"));

        assertThat(f.inChannel("101", "ops", "!mos confirm " + code)).as("another admin, same channel")
                .startsWith("Nothing is waiting for your confirmation here.");
        assertThat(f.dm("100", "confirm " + code)).as("same person, another conversation")
                .startsWith("Nothing is waiting for your confirmation here.");
        assertThat(f.executor.calls).isEmpty();

        assertThat(f.inChannel("100", "ops", "!mos confirm " + code)).contains("ran remove coder-2");
        assertThat(f.executor.calls).hasSize(1);
    }

    @Test
    void aConfirmationExpiresAfterTwoMinutes() {
        String code = RouterFixture.code(f.dm("100", "remove coder-2"));
        f.clock.advance(Duration.ofMinutes(2).plusSeconds(1));

        assertThat(f.dm("100", "confirm " + code))
                .isEqualTo("That code has expired, so `remove coder-2` was not run. Send the command again for a new code.");
        assertThat(f.executor.calls).isEmpty();
        assertThat(f.lastAudit().result()).isEqualTo("refused: expired");
    }

    @Test
    void aWrongCodeSaysSoAndCancelDropsThePendingCommand() {
        String code = RouterFixture.code(f.dm("100", "remove coder-2"));
        String wrong = code.equals("0000") ? "0001" : "0000";

        assertThat(f.dm("100", "confirm " + wrong)).startsWith("That code does not match");
        assertThat(f.dm("100", "cancel")).isEqualTo("Cancelled `remove coder-2`; nothing was done.");
        assertThat(f.dm("100", "confirm " + code)).startsWith("Nothing is waiting");
        assertThat(f.dm("100", "cancel")).isEqualTo("Nothing is waiting for your confirmation here.");
        assertThat(f.executor.calls).isEmpty();
    }

    @Test
    void aRedeliveredMessageRunsOnceAlsoAfterARestart() {
        InboundMessage start = f.chat.say(f.chat.user("200"), f.chat.channel("ops"), "!mos start coder-1");
        assertThat(f.chat.awaitReply().text()).contains("ran start coder-1");

        f.chat.redeliver(start.messageId());
        assertThat(f.inChannel("200", "ops", "!mos whoami")).contains("ops");
        assertThat(f.executor.calls).hasSize(1);

        ChatRouter restarted = f.newRouter(ChatConfig.defaults());
        restarted.handle(start, f.chat);
        assertThat(f.executor.calls).hasSize(1);
        assertThat(f.chat.pollReply()).isEmpty();
    }

    @Test
    void quotedTextReachesTheAgentAsOneArgument() {
        f.dm("200", "send coder-1 \"fix the bug; then test\"");
        assertThat(f.executor.calls).extracting(RouterFixture.Call::command)
                .containsExactly(new Operation.Send("coder-1", "fix the bug; then test"));
    }

    @Test
    void aFailedVerbRepliesWithItsErrorNotAStackTrace() {
        f.executor.behaviour = c -> {
            throw new FleetException(MosaicException.Kind.NOT_FOUND, "agent 'ghost' is not in the roster");
        };

        String reply = f.dm("100", "status ghost");

        assertThat(reply).isEqualTo("`status ghost` failed:\n```\nagent 'ghost' is not in the roster\n```");
        assertThat(f.lastAudit().result()).isEqualTo("failed: agent 'ghost' is not in the roster");
    }

    @Test
    void badArgumentsAreExplainedBeforeAnythingRuns() {
        assertThat(f.dm("100", "status")).isEqualTo("usage: status <agent>");
        assertThat(f.dm("100", "remove --roster=/etc/passwd")).contains("is not an agent name");
        assertThat(f.dm("200", "send coder-1 \"unclosed")).contains("unclosed quote");
        assertThat(f.executor.calls).isEmpty();
    }

    @Test
    void secretsInAgentOutputNeverReachTheChat() {
        String token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
        f.executor.behaviour = c -> new Outcome.Tail("coder-1", "$ env\nGITHUB_TOKEN=" + token + "\nHOME=/home/me\n");

        String reply = f.dm("200", "tail coder-1 20");

        assertThat(reply).doesNotContain(token).contains("GITHUB_TOKEN=[redacted]", "HOME=/home/me");
        assertThat(f.chat.history()).noneSatisfy(m -> assertThat(m.text()).contains(token));
    }

    @Test
    void everyHandledCommandIsAuditedWithWhoWhereAndHowLong() {
        f.dm("100", "ps");
        f.dm("300", "stop coder-1");
        String code = RouterFixture.code(f.inChannel("100", "ops", "!mos remove coder-2"));
        f.inChannel("100", "ops", "!mos confirm " + code);
        f.dm("555", "whoami");

        // the chat door's records (the application adds its own for the operations that ran: agent.remove)
        List<AuditRecord> records = f.auditRecords().stream().filter(r -> r.action().startsWith("chat.")).toList();
        assertThat(f.auditRecords()).extracting(AuditRecord::action).contains("agent.remove");
        assertThat(records).extracting(AuditRecord::actor, AuditRecord::action, AuditRecord::target, AuditRecord::result)
                .containsExactly(
                        tuple("loopback:100", "chat.ps", "", "ok"),
                        tuple("loopback:300", "chat.stop", "coder-1", "refused: role viewer"),
                        tuple("loopback:100", "chat.remove", "coder-2", "pending confirmation"),
                        tuple("loopback:100", "chat.remove", "coder-2", "ok (confirmed)"),
                        tuple("loopback:555", "chat.whoami", "", "refused: unknown sender"));
        assertThat(records.get(3).details()).containsEntry("platform", "loopback")
                .containsEntry("conversation", "loopback:ops").containsKey("durationMs").containsKey("messageId");
        assertThat(f.audit.verify()).isEmpty();
    }

    @Test
    void aSendRemembersItsConversationBeforeTheTextIsTypedAndARefusedOneDoesNot() {
        java.util.concurrent.atomic.AtomicReference<Object> whenTyped = new java.util.concurrent.atomic.AtomicReference<>();
        f.executor.behaviour = op -> {
            // the agent may answer (mos say) the moment the text is in its terminal
            whenTyped.set(f.addressed.get("coder-1"));
            return new Outcome.Tail(op.target(), "ran " + op.display() + "\n");
        };
        assertThat(f.dm("300", "send coder-1 hello")).contains("needs the operator role");
        assertThat(f.addressed).doesNotContainKey("coder-1");

        f.dm("200", "send coder-1 hello");
        assertThat(whenTyped.get()).isEqualTo(f.chat.dm("dm-200"));
        assertThat(f.addressed.get("coder-1")).isEqualTo(f.chat.dm("dm-200"));
    }
}
