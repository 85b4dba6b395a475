package dev.mosaic.mos.chat;

import dev.mosaic.mos.app.Verb;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.Sender;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandParserTest {

    private final CommandParser parser = new CommandParser("!mos");

    private static InboundMessage msg(String text, Addressing addressing) {
        return new InboundMessage("m1", Conversation.of("discord", "c1"), new Sender("discord", "42", "ann", false),
                text, Instant.EPOCH, addressing);
    }

    private ParsedMessage parse(String text, Addressing a) {
        return parser.parse(msg(text, a));
    }

    @Test
    void keepsQuotedTextAsOneArgumentIncludingSemicolons() {
        assertThat(parse("send coder-1 \"fix the bug; then test\"", Addressing.DIRECT))
                .isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.SEND, "coder-1", "fix the bug; then test")));
        assertThat(parse("send coder-1 'it\"s fine'  now", Addressing.DIRECT))
                .isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.SEND, "coder-1", "'it\"s fine'  now")));
        assertThat(parse("send coder-1 \"say \\\"hi\\\"\"", Addressing.DIRECT))
                .isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.SEND, "coder-1", "say \"hi\"")));
        assertThat(parse("send coder-1 \u201Cpretty quotes\u201D", Addressing.DIRECT))
                .isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.SEND, "coder-1", "pretty quotes")));
    }

    @Test
    void theTextOfATypedSendArrivesExactlyAsWritten() {
        // issue 11 row 19: the user's quotes were stripped ("send echo-1 say "hi"" typed: say hi)
        assertThat(parse("send echo-1 say \"hi\"", Addressing.DIRECT))
                .isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.SEND, "echo-1", "say \"hi\"")));
        assertThat(parse("!mos send echo-1 git commit -m 'fix: it''s   done'", Addressing.NONE))
                .isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.SEND, "echo-1", "git commit -m 'fix: it''s   done'")));
        // a slash form passes the text as one argument: taken as given
        assertThat(parse("send echo-1 \"say hi\"", Addressing.SLASH_COMMAND))
                .isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.SEND, "echo-1", "say hi")));
    }

    @Test
    void askMarksFreeTextEvenWhenItStartsWithAVerb() {
        assertThat(parse("ask status of the build?", Addressing.DIRECT))
                .isEqualTo(new ParsedMessage.FreeText("status of the build?"));
        assertThat(parse("ask \"stop and think\"", Addressing.SLASH_COMMAND))
                .isEqualTo(new ParsedMessage.FreeText("stop and think"));
    }

    @Test
    void anUnclosedQuoteIsExplainedNotGuessed() {
        ParsedMessage p = parse("send coder-1 \"fix it", Addressing.DIRECT);
        assertThat(p).isInstanceOf(ParsedMessage.Malformed.class);
        assertThat(((ParsedMessage.Malformed) p).message()).contains("unclosed quote");
    }

    @Test
    void ordinaryChannelMessagesNeedThePrefixWhileDirectMentionAndSlashDoNot() {
        assertThat(parse("ps", Addressing.NONE)).isInstanceOf(ParsedMessage.NotForMos.class);
        assertThat(parse("we should check ps later", Addressing.NONE)).isInstanceOf(ParsedMessage.NotForMos.class);
        assertThat(parse("!mosaic ps", Addressing.NONE)).isInstanceOf(ParsedMessage.NotForMos.class);
        assertThat(parse("!mos ps", Addressing.NONE)).isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.PS)));
        assertThat(parse("!MOS  PS", Addressing.NONE)).isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.PS)));
        assertThat(parse("ps", Addressing.DIRECT)).isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.PS)));
        assertThat(parse("status coder-1", Addressing.MENTION))
                .isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.STATUS, "coder-1")));
        assertThat(parse("/tail coder-1 50", Addressing.SLASH_COMMAND))
                .isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.TAIL, "coder-1", "50")));
        assertThat(parse("!mos", Addressing.NONE)).isEqualTo(new ParsedMessage.Command(ChatCommand.of(Verb.HELP)));
    }

    @Test
    void textWithoutAVerbIsFreeTextForTheOrchestrator() {
        assertThat(parse("!mos please review the open PRs and summarise", Addressing.NONE))
                .isEqualTo(new ParsedMessage.FreeText("please review the open PRs and summarise"));
        assertThat(parse("hi", Addressing.DIRECT)).isEqualTo(new ParsedMessage.FreeText("hi"));
        assertThat(parse("hello", Addressing.DIRECT)).as("two edits from 'help', but a greeting")
                .isEqualTo(new ParsedMessage.FreeText("hello"));
        assertThat(parse("what is coder-1 doing?", Addressing.DIRECT))
                .isEqualTo(new ParsedMessage.FreeText("what is coder-1 doing?"));
    }

    @Test
    void aWordCloseToAVerbGetsADidYouMean() {
        assertThat(parse("stpo coder-1", Addressing.DIRECT)).isEqualTo(new ParsedMessage.UnknownVerb("stpo", Verb.STOP));
        assertThat(parse("!mos restrat all", Addressing.NONE))
                .isEqualTo(new ParsedMessage.UnknownVerb("restrat", Verb.RESTART));
        assertThat(parse("stauts coder-1", Addressing.DIRECT))
                .isEqualTo(new ParsedMessage.UnknownVerb("stauts", Verb.STATUS));
        assertThat(dev.mosaic.fleet.roster.DidYouMean.distance("stpo", "stop")).isEqualTo(1);
        assertThat(dev.mosaic.fleet.roster.DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void rejectsAPrefixWithSpaces() {
        assertThatThrownBy(() -> new CommandParser("hey mos")).isInstanceOf(ChatException.class).hasMessageContaining("hey mos");
    }
}
