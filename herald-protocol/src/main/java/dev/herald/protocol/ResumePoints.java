package dev.herald.protocol;

import dev.herald.hub.ResumePoint;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Where a subscriber resumes: after the id its reconnection or its request names, or live. */
public final class ResumePoints {
    private ResumePoints() {}

    /**
     * The {@code Last-Event-ID} header wins over the {@code last_event_id} (0.x {@code lastEventID})
     * parameter.
     *
     * @param lastEventIdParameter the parameter's value, or null
     * @throws BadRequestException when the header's bytes are not UTF-8
     */
    public static ResumePoint of(HubRequest request, String lastEventIdParameter) {
        String header = request.header("Last-Event-ID");
        if (header != null) {
            return ResumePoint.after(headerAsUtf8(header));
        }
        return lastEventIdParameter == null ? ResumePoint.live() : ResumePoint.after(lastEventIdParameter);
    }

    /** Servers read header bytes as ISO-8859-1; ids are UTF-8. */
    private static String headerAsUtf8(String value) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("Invalid UTF-8 in the Last-Event-ID header");
        }
    }
}
