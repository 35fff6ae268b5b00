package dev.portcullis.auth.db;

import dev.portcullis.auth.error.OAuthProblem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.function.Supplier;

/**
 * Runs work in a new transaction that also commits when the work rejects the request with an {@link OAuthProblem}
 * (so that a replay's revocation is kept), then rethrows the problem outside the transaction. Anything else rolls
 * back. Used by the grant handlers so that token signing happens after commit, never while rows are locked.
 */
public final class Transactions {

    private Transactions() {
    }

    public static <T> T commitEvenOnProblem(Supplier<T> work) {
        Object result = QuarkusTransaction.requiringNew().call(() -> {
            try {
                return work.get();
            } catch (OAuthProblem problem) {
                return problem;
            }
        });
        if (result instanceof OAuthProblem problem) {
            throw problem;
        }
        @SuppressWarnings("unchecked")
        T value = (T) result;
        return value;
    }
}
