package dev.mosaic.connector.discord;

import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * Points JDA at a chosen gateway. A single (unsharded) JDA asks its session controller for the
 * gateway URL instead of calling {@code GET /gateway/bot}, so this is the seam for a fake or a
 * self-hosted gateway.
 */
final class FixedGatewayController extends SessionControllerAdapter {

    private final String gatewayUrl;

    FixedGatewayController(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }
}
