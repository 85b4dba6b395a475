package dev.mosaic.mos.app;

import dev.mosaic.connector.CommandSpec;
import dev.mosaic.fleet.roster.Role;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one verb table feeds connectors' command menus and every door's authorization. */
class VerbTest {

    @Test
    void everyVerbIsOnTheCommandMenuWithItsHelpAndArgumentsThenAsk() {
        List<CommandSpec> menu = Verb.commandSpecs();

        assertThat(menu).extracting(CommandSpec::name).containsExactlyElementsOf(
                java.util.stream.Stream.concat(Arrays.stream(Verb.values()).map(Verb::word), java.util.stream.Stream.of("ask"))
                        .toList());
        CommandSpec send = menu.stream().filter(c -> c.name().equals("send")).findFirst().orElseThrow();
        assertThat(send.description()).isEqualTo("Type text into an agent's terminal");
        assertThat(send.params()).extracting(CommandSpec.Param::name).containsExactly("agent", "text");
        CommandSpec add = menu.stream().filter(c -> c.name().equals("add")).findFirst().orElseThrow();
        assertThat(add.params()).filteredOn(CommandSpec.Param::keyValue).extracting(CommandSpec.Param::name)
                .containsExactly("runtime", "role", "host", "workdir");
        assertThat(menu.get(menu.size() - 1).freeText()).isTrue();
    }

    @Test
    void anOperationNeedsItsVerbsRoleAndTheRefusalSaysWhich() {
        Actor viewer = new Actor("loopback:300", "watcher", Role.VIEWER);
        Application app = new Application((who, op) -> {
            throw new AssertionError("a refused operation must not run");
        }, new AuditTrail(new dev.mosaic.fleet.audit.AuditLog(java.nio.file.Path.of("target", "verb-test-audit.jsonl")),
                java.time.Clock.systemUTC()), java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(2),
                RateLimiter.Limits.defaults());

        assertThat(new Operation.StopAgent("coder-1").role()).isEqualTo(Verb.STOP.minRole());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.execute(viewer, new Operation.Remove("coder-1")))
                .isInstanceOf(AppException.class)
                .hasMessage("Sorry, `remove` needs the admin role; you are a viewer. Try `help` for what you can run.")
                .satisfies(e -> assertThat(((AppException) e).kind())
                        .isEqualTo(dev.mosaic.fleet.MosaicException.Kind.FORBIDDEN));
    }
}
