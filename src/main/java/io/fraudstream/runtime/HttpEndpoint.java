package io.fraudstream.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fraudstream.threads.DaemonThreads;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code /metrics} (Prometheus text format); {@code /health/live} and {@code /health/ready} (200 or 503, JSON with
 * the reasons; see {@link HealthCheck}); {@code /health}, the same as {@code /health/ready}.
 */
public final class HttpEndpoint implements AutoCloseable {
    private final HttpServer server;

    HttpEndpoint(final InetAddress bind, final int port, final PrometheusMeterRegistry registry,
                 final HealthCheck health) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        server.setExecutor(DaemonThreads.single("fraudstream-http"));
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/health", exchange -> {
            final HealthCheck.Status h = exchange.getRequestURI().getPath().equals("/health/live") ? health.live()
                    : health.ready();
            respond(exchange, h.ok() ? 200 : 503, "application/json", h.json());
        });
        server.start();
    }

    /** A URL of this endpoint: on the loopback address when it listens on every interface. */
    String url(final String path) {
        final InetAddress bound = server.getAddress().getAddress();
        final String host = bound.isAnyLocalAddress() ? "127.0.0.1" : bound.getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + path;
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
}
