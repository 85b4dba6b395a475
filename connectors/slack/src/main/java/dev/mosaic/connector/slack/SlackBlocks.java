package dev.mosaic.connector.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.mosaic.connector.Action;

import java.util.ArrayList;
import java.util.List;

/**
 * Block Kit for Mos's messages: the text as a section, {@link Action}s as buttons under it, and
 * after a press the same text with a line saying who decided (the buttons gone, so nobody presses
 * twice). A button's {@code value} is the command it stands for; its {@code action_id} is
 * {@code mos_action_<n>}.
 */
final class SlackBlocks {

    static final String ACTION_PREFIX = "mos_action_";
    /** Slack's limits: section text 3,000, button label 75, button value 2,000 characters. */
    static final int SECTION_MAX = 3000;
    private static final int LABEL_MAX = 75;
    private static final int VALUE_MAX = 2000;

    private SlackBlocks() {
    }

    /** {@code mrkdwn} (already escaped) with buttons for {@code actions}. */
    static List<LayoutBlock> withButtons(String mrkdwn, List<Action> actions) {
        List<BlockElement> buttons = new ArrayList<>();
        for (int i = 0; i < actions.size() && i < 25; i++) {
            Action a = actions.get(i);
            if (a.command().length() > VALUE_MAX) {
                continue; // cannot be carried; the text says what to type instead
            }
            ButtonElement b = ButtonElement.builder()
                    .actionId(ACTION_PREFIX + i)
                    .text(PlainTextObject.builder().text(clip(a.label(), LABEL_MAX)).emoji(true).build())
                    .value(a.command())
                    .style(switch (a.style()) {
                        case PRIMARY -> "primary";
                        case DANGER -> "danger";
                        case SECONDARY -> null;
                    })
                    .build();
            buttons.add(b);
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(mrkdwn));
        if (!buttons.isEmpty()) {
            blocks.add(ActionsBlock.builder().blockId("mos_actions").elements(buttons).build());
        }
        return blocks;
    }

    /** The pressed message after the press was acted on: its text and who chose what, no buttons. */
    static List<LayoutBlock> decided(String mrkdwn, String userId, String label) {
        return List.of(section(mrkdwn), ContextBlock.builder().elements(List.of(MarkdownTextObject.builder()
                .text("\u2705 <@" + userId + "> chose *" + SlackText.escape(label).replace("*", "") + "*").build()))
                .build());
    }

    private static SectionBlock section(String mrkdwn) {
        String t = mrkdwn.isEmpty() ? " " : mrkdwn;
        return SectionBlock.builder().text(MarkdownTextObject.builder().text(clip(t, SECTION_MAX)).build()).build();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
