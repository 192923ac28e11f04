package org.whiteglove.deploy.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tickets posted to ticket-intake over keep-alive HTTP/1.1 connections, all on one Vert.x event loop. The load runs
 * on the platform's own two cores, so whatever the driver spends is taken from the platform it measures: the JDK's
 * HttpClient (a thread per client, futures and executor hops per request) cost ~1.2 ms of CPU per ticket, a fifth of
 * the machine during a closed-loop run.
 */
final class IntakeClient implements AutoCloseable {

    /** The status and body intake answered, and the length the answer announced (to tell a cut body from none). */
    record Answer(int status, String contentLength, String body) {

        /** For a report of an unexpected answer. */
        String describe() {
            return status + " (Content-Length " + contentLength + ", " + body.length() + " chars) "
                    + body.substring(0, Math.min(200, body.length()));
        }
    }

    private final Vertx vertx;
    private final HttpClient http;
    private final String authorization;

    /** A client of the intake at {@code intake} (base URL) with up to {@code connections} open at once. */
    IntakeClient(String intake, String token, int connections) {
        URI uri = URI.create(intake);
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort())
                        .setKeepAlive(true).setConnectTimeout(10_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        this.authorization = "Bearer " + token;
    }

    /** Posts one ticket (a fresh idempotency key each); completes with intake's answer or the failure. */
    CompletableFuture<Answer> open(String body) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/tickets").setIdleTimeout(60_000)
                .putHeader("Authorization", authorization)
                .putHeader("Content-Type", "application/json")
                .putHeader("Idempotency-Key", "load-" + UUID.randomUUID());
        return http.request(request)
                .compose(r -> r.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(b -> new Answer(response.statusCode(),
                        response.getHeader("Content-Length"), b.toString(StandardCharsets.UTF_8))))
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public void close() throws Exception {
        http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
