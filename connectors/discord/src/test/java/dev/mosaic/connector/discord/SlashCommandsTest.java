package dev.mosaic.connector.discord;

import dev.mosaic.connector.CommandSpec;
import java.util.List;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /mos} is built from the command list Mos hands the connector, not from a copy of its verbs. */
class SlashCommandsTest {

    @Test
    void aVerbMosAddsAppearsUnderMosWithNoChangeHere() {
        List<CommandSpec> fromMos = List.of(
                new CommandSpec("approve", "Approve what an agent asks for",
                        List.of(CommandSpec.Param.required("agent", "agent name"))),
                new CommandSpec("tail", "Show the last lines", List.of(CommandSpec.Param.required("agent", "agent name"),
                        CommandSpec.Param.integer("lines", "how many lines"))),
                new CommandSpec("ask", "Say something to the orchestrator agent",
                        List.of(CommandSpec.Param.required("text", "your message")), true));

        SlashCommandData mos = SlashCommands.definition(fromMos);

        assertThat(mos.getName()).isEqualTo("mos");
        assertThat(mos.getSubcommands()).extracting(SubcommandData::getName).containsExactly("approve", "tail", "ask");
        SubcommandData tail = mos.getSubcommands().get(1);
        assertThat(tail.getOptions()).extracting(OptionData::getName).containsExactly("agent", "lines");
        assertThat(tail.getOptions().get(1).getType()).isEqualTo(OptionType.INTEGER);
        assertThat(tail.getOptions().get(1).isRequired()).isFalse();
    }

    @Test
    void withoutAListFromMosTheBuiltInMenuIsRegistered() {
        assertThat(SlashCommands.definition(List.of()).getSubcommands()).extracting(SubcommandData::getName)
                .contains("ps", "send", "ask");
    }
}
