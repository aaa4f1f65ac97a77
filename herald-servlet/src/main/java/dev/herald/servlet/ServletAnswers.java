package dev.herald.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Complete (non-streaming) answers, as the standalone hub sends them. */
final class ServletAnswers {
    private ServletAnswers() {}

    /** An error: the status and a one-line message naming the problem. */
    static void error(HttpServletResponse response, int status, String message) throws IOException {
        text(response, status, message + "\n");
    }

    static void text(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Content-Type", "text/plain; charset=utf-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
