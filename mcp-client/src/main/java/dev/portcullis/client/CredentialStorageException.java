package dev.portcullis.client;

/** The credentials directory or a credentials file could not be read or written. */
public class CredentialStorageException extends McpClientException {

    public CredentialStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
