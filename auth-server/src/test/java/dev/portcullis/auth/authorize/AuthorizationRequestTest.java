package dev.portcullis.auth.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.auth.cimd.MetadataDocumentFetcher;
import dev.portcullis.auth.cimd.UnusableDocument;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.config.PortcullisConfig.RegistrationMode;
import dev.portcullis.auth.config.Resources;
import dev.portcullis.auth.error.PageProblem;
import dev.portcullis.common.oauth.Pkce;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AuthorizationRequest#parse}: which refusals are error pages, which are redirects, and with what. */
class AuthorizationRequestTest {

    private static final String MCP = "https://mcp.example.com/mcp";
    private static final String FILES = "https://files.example.com/mcp";
    private static final String REDIRECT = "https://app.example/callback";
    private static final String OTHER_REDIRECT = "https://app.example/other";
    private static final Resources RESOURCES = new Resources(List.of(MCP, FILES),
            List.of("mcp:tools", "notes:read", "notes:write", "offline_access"), List.of(FILES + " mcp:tools"));

    private final Map<String, Client> registered = Map.of("app", client("app", null), "scoped", client("scoped", "notes:read"));
    /** As {@code Clients.find}: empty for a null id. */
    private Function<String, Optional<Client>> clients = id -> id == null ? Optional.empty() : Optional.ofNullable(registered.get(id));
    private RegistrationMode registration = RegistrationMode.OPEN;
    private MultivaluedMap<String, String> query;

    private static Client client(String id, String scope) {
        Client client = new Client();
        client.clientId = id;
        client.scope = scope;
        client.redirectUris = List.of(REDIRECT, OTHER_REDIRECT);
        return client;
    }

    @BeforeEach
    void validQuery() {
        query = new MultivaluedHashMap<>();
        query.add("client_id", "app");
        query.add("redirect_uri", REDIRECT);
        query.add("response_type", "code");
        query.add("state", "s-1");
        query.add("scope", "mcp:tools notes:read");
        query.add("code_challenge", Pkce.challengeS256(Pkce.newVerifier(new SecureRandom())));
        query.add("code_challenge_method", "S256");
        query.add("resource", MCP);
    }

    private AuthorizationRequest parse() {
        return AuthorizationRequest.parse(query, clients, RESOURCES, registration);
    }

    private void assertPage(String message) {
        PageProblem problem = assertThrows(PageProblem.class, this::parse);
        assertEquals(400, problem.status());
        assertEquals(message, problem.getMessage());
    }

    private void assertRedirect(String error, String description) {
        RedirectProblem problem = assertThrows(RedirectProblem.class, this::parse);
        assertEquals(REDIRECT, problem.redirectUri());
        assertEquals(query.getFirst("state"), problem.state());
        assertEquals(error, problem.error());
        assertEquals(description, problem.getMessage());
    }

    @Test
    void aValidRequestCarriesItsClientRedirectStateChallengeResourceScopesAndPrompts() {
        query.add("prompt", "login consent");
        AuthorizationRequest request = parse();
        assertEquals("app", request.client().clientId);
        assertEquals(REDIRECT, request.redirectUri());
        assertEquals("s-1", request.state());
        assertEquals(query.getFirst("code_challenge"), request.codeChallenge());
        assertEquals(MCP, request.resource());
        assertEquals(List.of("mcp:tools", "notes:read"), request.scopes());
        assertEquals(List.of("login", "consent"), request.prompts());
        assertEquals(true, request.prompts("login"));
        assertEquals(false, request.prompts("none"));
    }

    @Test
    void aRefusalOfAValidRequestGoesToItsRedirectUriWithItsState() {
        RedirectProblem refusal = parse().refusal(AuthorizeResource.LOGIN_REQUIRED, "The user is not signed in");
        assertEquals(REDIRECT, refusal.redirectUri());
        assertEquals("s-1", refusal.state());
        assertEquals("login_required", refusal.error());
    }

    @Test
    void withoutScopeEverySupportedScopeButOfflineAccessApplies() {
        query.remove("scope");
        assertEquals(List.of("mcp:tools", "notes:read", "notes:write"), parse().scopes());
    }

    @Test
    void withoutScopeTheClientsRegisteredScopeApplies() {
        query.putSingle("client_id", "scoped");
        query.remove("scope");
        assertEquals(List.of("notes:read"), parse().scopes());
    }

    @Test
    void withoutScopeTheDefaultIsCutToWhatTheResourceAccepts() {
        query.putSingle("resource", FILES);
        query.remove("scope");
        assertEquals(List.of("mcp:tools"), parse().scopes());
    }

    @Test
    void anUnknownClientIsAnErrorPage() {
        query.putSingle("client_id", "no-such-client");
        assertPage("The application asking for access (client_id) is not known to this server.");
    }

    @Test
    void aMissingClientIdIsAnErrorPage() {
        query.remove("client_id");
        assertPage("The application asking for access (client_id) is not known to this server.");
    }

    @Test
    void aRepeatedClientIdIsAnErrorPage() {
        query.add("client_id", "app");
        assertPage("The application asking for access (client_id) is not known to this server.");
    }

    @Test
    void anUnusableMetadataDocumentIsAnErrorPageSayingWhy() {
        clients = id -> {
            throw new UnusableDocument(new MetadataDocumentFetcher.FetchRefused("The document's client_id differs from its URL"));
        };
        assertPage("The application's metadata document cannot be used: The document's client_id differs from its URL");
    }

    @Test
    void aMissingRedirectUriIsAnErrorPage() {
        query.remove("redirect_uri");
        assertPage("The redirect address (redirect_uri) is not registered for this application.");
    }

    @Test
    void anUnregisteredRedirectUriIsAnErrorPage() {
        query.putSingle("redirect_uri", "https://attacker.example/callback");
        assertPage("The redirect address (redirect_uri) is not registered for this application.");
    }

    @Test
    void aRepeatedRedirectUriIsAnErrorPageEvenWhenBothAreRegistered() {
        query.add("redirect_uri", OTHER_REDIRECT);
        assertPage("The redirect address (redirect_uri) is not registered for this application.");
    }

    @Test
    void aClientErrorComesBeforeEveryOtherError() {
        query.putSingle("client_id", "no-such-client");
        query.putSingle("response_type", "token");
        query.remove("code_challenge");
        assertPage("The application asking for access (client_id) is not known to this server.");
    }

    @Test
    void aRepeatedParameterRedirectsWithInvalidRequestAndTheFirstState() {
        query.add("state", "s-2");
        assertRedirect("invalid_request", "Repeated parameter: state");
        query.remove("state");
        query.add("scope", "mcp:tools");
        assertRedirect("invalid_request", "Repeated parameter: scope");
    }

    @Test
    void aRepeatedResourceRedirectsWithInvalidTarget() {
        query.add("resource", FILES);
        assertRedirect("invalid_target", "Repeated parameter: resource");
    }

    @Test
    void aMissingResponseTypeRedirectsWithInvalidRequest() {
        query.remove("response_type");
        assertRedirect("invalid_request", "response_type is required");
    }

    @Test
    void anotherResponseTypeRedirectsWithUnsupportedResponseType() {
        query.putSingle("response_type", "token");
        assertRedirect("unsupported_response_type", "Only response_type=code is supported");
    }

    @Test
    void aMissingCodeChallengeRedirectsWithInvalidRequest() {
        query.remove("code_challenge");
        assertRedirect("invalid_request", "code_challenge is required");
    }

    @Test
    void aPlainOrMissingCodeChallengeMethodRedirectsWithInvalidRequest() {
        query.putSingle("code_challenge_method", "plain");
        assertRedirect("invalid_request", "code_challenge_method must be S256");
        query.remove("code_challenge_method");
        assertRedirect("invalid_request", "code_challenge_method must be S256");
    }

    @Test
    void aMalformedCodeChallengeRedirectsWithInvalidRequest() {
        query.putSingle("code_challenge", "too-short");
        assertRedirect("invalid_request", "code_challenge is malformed");
    }

    @Test
    void aMissingResourceRedirectsWithInvalidRequest() {
        query.remove("resource");
        assertRedirect("invalid_request", "resource is required");
    }

    @Test
    void anUnknownResourceRedirectsWithInvalidTarget() {
        query.putSingle("resource", "https://elsewhere.example/mcp");
        assertRedirect("invalid_target", "Unknown resource");
    }

    @Test
    void anUnknownEmptyOrResourceRefusedScopeRedirectsWithInvalidScope() {
        String description = "Unknown, empty or unregistered scope, or one this resource does not accept";
        query.putSingle("scope", "mcp:tools admin");
        assertRedirect("invalid_scope", description);
        query.putSingle("scope", " ");
        assertRedirect("invalid_scope", description);
        query.putSingle("scope", "notes:read");
        query.putSingle("resource", FILES);
        assertRedirect("invalid_scope", description);
    }

    @Test
    void aScopeBeyondTheRegisteredOneIsRefusedOnlyWhereRegistrationIsNotOpen() {
        query.putSingle("client_id", "scoped");
        query.putSingle("scope", "notes:read notes:write");
        assertEquals(List.of("notes:read", "notes:write"), parse().scopes());
        registration = RegistrationMode.TOKEN;
        assertRedirect("invalid_scope", "Unknown, empty or unregistered scope, or one this resource does not accept");
        registration = RegistrationMode.OFF;
        assertRedirect("invalid_scope", "Unknown, empty or unregistered scope, or one this resource does not accept");
        query.putSingle("scope", "notes:read");
        assertEquals(List.of("notes:read"), parse().scopes());
    }

    @Test
    void promptNoneWithAnotherValueRedirectsWithInvalidRequest() {
        query.putSingle("prompt", "none login");
        assertRedirect("invalid_request", "prompt=none cannot be combined");
    }

    @Test
    void aRedirectedErrorWithoutStateCarriesNone() {
        query.remove("state");
        query.putSingle("response_type", "token");
        RedirectProblem problem = assertThrows(RedirectProblem.class, this::parse);
        assertNull(problem.state());
        assertEquals("unsupported_response_type", problem.error());
    }
}
