package io.fraudstream.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** {@code /metrics} (Prometheus text format) and {@code /health} (200 while the application runs, else 503). */
public final class HttpEndpoint implements AutoCloseable {
    private final HttpServer server;

    public HttpEndpoint(final int port, final PrometheusMeterRegistry registry, final Supplier<Health> health)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, "fraudstream-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/health", exchange -> {
            final Health h = health.get();
            respond(exchange, h.up() ? 200 : 503, "application/json",
                    "{\"status\":\"" + (h.up() ? "UP" : "DOWN") + "\",\"state\":\"" + h.state()
                            + "\",\"modelVersion\":" + h.modelVersion() + "}\n");
        });
        server.start();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(final HttpExchange exchange, final int status, final String type, final String body)
            throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** What /health reports. */
    public record Health(boolean up, String state, long modelVersion) {
    }
}
