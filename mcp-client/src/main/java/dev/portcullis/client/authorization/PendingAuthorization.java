package dev.portcullis.client.authorization;

import java.net.URI;
import java.util.List;

/**
 * The secrets and parameters of one authorization request, kept until its callback. The verifier and state never
 * appear in {@link #toString()}; the authorization URL holds only the state and the challenge.
 */
public record PendingAuthorization(URI authorizationUrl, URI redirectUri, String state, String codeVerifier,
        List<String> scopes) {

    public PendingAuthorization {
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "PendingAuthorization[redirectUri=" + redirectUri + ", scopes=" + scopes + ", state=***, codeVerifier=***]";
    }
}
