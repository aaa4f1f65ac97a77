package dev.herald.client;

import java.io.IOException;

/** The hub refused a publication: its status and the body it explained the refusal with. */
public final class PublishException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    public PublishException(int status, String body) {
        super("hub answered " + status + ": " + body.strip());
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
