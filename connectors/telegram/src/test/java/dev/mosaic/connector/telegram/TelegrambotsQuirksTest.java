package dev.mosaic.connector.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** Why the connector reads command entities itself: telegrambots 10.2's Message.isCommand() quirk, pinned. */
class TelegrambotsQuirksTest {

    @Test
    void isCommandIsFalseForAFreshMessageUntilGetEntitiesFillsTheEntityText() throws Exception {
        Message m = new ObjectMapper().readValue("""
                {"message_id": 7, "date": 1700000000, "chat": {"id": -100123, "type": "supergroup"},
                 "from": {"id": 42, "is_bot": false, "first_name": "Ops"},
                 "text": "/ps@MosFleetBot", "entities": [{"type": "bot_command", "offset": 0, "length": 15}]}
                """, Message.class);

        assertThat(m.isCommand()).as("entity text is filled only by getEntities()").isFalse();
        m.getEntities();
        assertThat(m.isCommand()).isTrue();
        assertThat(m.getCommand()).isEqualTo("/ps@MosFleetBot");
    }
}
