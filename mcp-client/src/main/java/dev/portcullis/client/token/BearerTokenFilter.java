package dev.portcullis.client.token;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Puts {@code Authorization: Bearer <token>} on every request of the REST Client it is registered on (RFC 6750 §2.1):
 * the token of the {@link AuthClient} attempt under way, else the authorization's current token, refreshed first when
 * it is about to expire. The one place a bearer header is set. Obtained from {@link AuthClient#bearerFilter()}.
 */
public final class BearerTokenFilter implements ClientRequestFilter {

    private final AuthClient client;

    BearerTokenFilter(AuthClient client) {
        this.client = client;
    }

    @Override
    public void filter(ClientRequestContext request) {
        String token = client.tokenForRequest();
        if (token != null) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
    }
}
