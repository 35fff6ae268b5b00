package dev.portcullis.auth.token;

import dev.portcullis.auth.error.OAuthProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Prometheus metrics of the token endpoint: {@code portcullis_tokens_issued_total{grant_type}},
 * {@code portcullis_token_errors_total{error}} and the latency timer {@code portcullis_token_request_seconds}.
 */
@ApplicationScoped
public class TokenMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<String, Counter> issued = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private volatile Timer latency;

    public Response record(Supplier<Response> request) {
        Timer.Sample sample = Timer.start(registry);
        try {
            return request.get();
        } catch (OAuthProblem problem) {
            errors.computeIfAbsent(problem.error(), error -> Counter.builder("portcullis.token.errors")
                    .description("Token requests refused, by OAuth error code").tag("error", error)
                    .register(registry)).increment();
            throw problem;
        } finally {
            sample.stop(timer());
        }
    }

    public void issued(String grantType) {
        issued.computeIfAbsent(grantType, grant -> Counter.builder("portcullis.tokens.issued")
                .description("Token responses issued, by grant type").tag("grant_type", grant)
                .register(registry)).increment();
    }

    private Timer timer() {
        Timer timer = latency;
        if (timer == null) {
            timer = Timer.builder("portcullis.token.request").description("Token endpoint latency")
                    .publishPercentiles(0.5, 0.99).register(registry);
            latency = timer;
        }
        return timer;
    }
}
