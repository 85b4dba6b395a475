package dev.mosaic.mos.web;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Open event streams and pane sockets as the page holds them, and what each has seen. */
final class WebStreams {

    private WebStreams() {
    }

    /** An open {@code /api/v1/events} stream: its lines, and whether the server ended it. */
    static final class Events implements AutoCloseable {
        final int status;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final AtomicBoolean ended = new AtomicBoolean();
        private final InputStream body;

        Events(HttpResponse<InputStream> r) {
            this.status = r.statusCode();
            this.body = r.body();
            Thread reader = new Thread(() -> {
                try (BufferedReader br = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String l = br.readLine(); l != null; l = br.readLine()) {
                        lines.add(l);
                    }
                } catch (Exception closed) {
                    // reset by the server or closed by the test: ended either way
                }
                ended.set(true);
            }, "test-sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

    /** An open pane socket: its messages, and the close code once the server closed it (-1 while open). */
    static final class Pane implements AutoCloseable {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final AtomicInteger closeCode = new AtomicInteger(-1);
        WebSocket socket;

        boolean closed() {
            return closeCode.get() >= 0;
        }

        @Override
        public void close() {
            if (!closed()) {
                socket.abort();
            }
        }
    }

    static Events events(WebFixture fx, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(fx.base.resolve("api/v1/events"))
                .header("Accept", "text/event-stream");
        headers.forEach(b::header);
        return new Events(fx.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    static Pane pane(WebFixture fx, String agent, Map<String, String> headers) throws Exception {
        URI ws = URI.create("ws://" + fx.base.getHost() + ":" + fx.base.getPort() + "/api/v1/agents/" + agent + "/stream");
        Pane p = new Pane();
        WebSocket.Builder b = fx.http.newWebSocketBuilder().header("Origin", fx.origin());
        headers.forEach(b::header);
        p.socket = b.buildAsync(ws, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    p.messages.add(partial.toString());
                    partial.setLength(0);
                }
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
                p.closeCode.set(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                p.closeCode.compareAndSet(-1, 1006);
            }
        }).get(10, TimeUnit.SECONDS);
        return p;
    }

    static final Duration TWO_SECONDS = Duration.ofSeconds(2);
}
