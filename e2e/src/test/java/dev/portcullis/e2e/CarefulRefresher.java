package dev.portcullis.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A careful OAuth client's refresh: each refresh token is sent once, and sent again only when the answer was a 5xx
 * or never came (a timeout, a reset connection) — the rotation may have been committed all the same. It retries
 * after a short pause (a 503's Retry-After, at most {@link #MAX_PAUSE}) until a definite answer, and after no answer
 * moves on to the next server, as a load balancer would take a dead replica out. Every request is recorded in
 * {@link Attempts}. One instance per thread.
 *
 * <p>It can also play a lossy network: every {@code dropEvery}-th 200 is thrown away as if it had never arrived, so
 * that a rotation committed and answered is retried for certain, not only when a kill happens to fall between the
 * commit and the answer.
 */
final class CarefulRefresher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);
    private static final Duration PAUSE = Duration.ofMillis(200);
    /** Beyond this the client gives up: the family counts as lost. */
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    /** The definite answer: its status (0 if the client gave up) and its JSON body (null if none). */
    record Answer(int status, JsonNode body) {

        String refreshToken() {
            return body.get("refresh_token").asText();
        }

        @Override
        public String toString() {
            return status == 0 ? "no definite answer within " + GIVE_UP : status + " " + body;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> servers;
    private final Attempts attempts;
    private final int dropEvery;
    private int current;
    private int oks;

    /** Starts at {@code servers[first]}; {@code dropEvery} 0 loses no answer. */
    CarefulRefresher(List<String> servers, int first, Attempts attempts, int dropEvery) {
        this.servers = servers;
        this.current = first % servers.size();
        this.attempts = attempts;
        this.dropEvery = dropEvery;
    }

    Answer refresh(String clientId, String refreshToken) throws InterruptedException {
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        for (boolean retry = false; ; retry = true) {
            String server = servers.get(current);
            HttpResponse<String> response;
            try {
                response = http.send(OAuthFlow.refreshRequest(server, clientId, refreshToken).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException noAnswer) {
                attempts.add(Attempts.Attempt.noAnswer(server, retry, noAnswer instanceof ConnectException));
                current = (current + 1) % servers.size();
                if (System.nanoTime() - giveUp > 0) {
                    return new Answer(0, null);
                }
                Thread.sleep(PAUSE.toMillis());
                continue;
            }
            JsonNode body = json(response.body());
            Optional<String> retryAfter = response.headers().firstValue("Retry-After");
            String error = body != null && body.hasNonNull("error") ? body.get("error").asText() : null;
            boolean drop = response.statusCode() == 200 && dropEvery > 0 && ++oks % dropEvery == 0;
            attempts.add(new Attempts.Attempt(server, response.statusCode(), System.nanoTime(), retry, false, drop,
                    retryAfter.orElse(null), error));
            if (drop) {
                current = (current + 1) % servers.size();
                continue;
            }
            if (response.statusCode() < 500 || System.nanoTime() - giveUp > 0) {
                return new Answer(response.statusCode() < 500 ? response.statusCode() : 0, body);
            }
            Thread.sleep(response.statusCode() == 503 ? pause(retryAfter) : PAUSE.toMillis());
        }
    }

    /** Retry-After in seconds (RFC 9110 §10.2.3), honoured up to {@link #MAX_PAUSE}. */
    private static long pause(Optional<String> retryAfter) {
        try {
            return Math.max(PAUSE.toMillis(), Math.min(MAX_PAUSE.toMillis(), Long.parseLong(retryAfter.orElse("").trim()) * 1000));
        } catch (NumberFormatException dateOrMissing) {
            return PAUSE.toMillis();
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}
