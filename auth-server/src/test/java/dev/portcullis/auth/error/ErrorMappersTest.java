package dev.portcullis.auth.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.common.oauth.OAuthError;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrorMappersTest {

    @Test
    void aClientThatHungUpMidRequestIsNotAServerError() {
        // What RESTEasy Reactive throws when wrk (or any client) closes the connection while the form is being read
        IOException hungUp = new IOException(new IOException(new HttpClosedException("Connection was closed")));
        assertTrue(ErrorMappers.clientWentAway(hungUp));
        var response = new ErrorMappers().unexpected(hungUp, null);
        assertEquals(400, response.getStatus());
        assertEquals(OAuthError.INVALID_REQUEST, ((OAuthError) response.getEntity()).error());
    }

    @Test
    void anythingElseIsAServerErrorThatSaysNothingOfItsCause() {
        IOException disk = new IOException("No space left on device");
        assertFalse(ErrorMappers.clientWentAway(disk));
        var response = new ErrorMappers().unexpected(disk, null);
        assertEquals(500, response.getStatus());
        OAuthError body = (OAuthError) response.getEntity();
        assertEquals(OAuthError.SERVER_ERROR, body.error());
        assertFalse(body.errorDescription().contains("space"), body.errorDescription());
    }
}
