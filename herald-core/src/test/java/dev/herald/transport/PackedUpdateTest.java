package dev.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedUpdateTest {

    @Test
    void everyFieldSurvivesPackingIncludingUnicodeSeveralTopicsTypeRetryAndPrivate() {
        Update update = new Update("urn:uuid:é-42", List.of("/books/1", "/élan/{x}", "https://a.example/b?c=d"),
                "line one\nligne deux ✓", "update", 2500L, true);
        StoredUpdate stored = new StoredUpdate(7, update);

        StoredUpdate back = PackedUpdate.unpack(7, PackedUpdate.pack(stored));

        assertThat(back.sequence()).isEqualTo(7);
        assertThat(back.update()).isEqualTo(update);
        assertThat(back.frame()).isEqualTo(stored.frame());
    }

    @Test
    void absentTypeAndRetryAndEmptyDataStayAbsentAndEmpty() {
        Update update = new Update("a", List.of("t"), "", null, null, false);

        StoredUpdate back = PackedUpdate.unpack(1, PackedUpdate.pack(new StoredUpdate(1, update)));

        assertThat(back.update()).isEqualTo(update);
        assertThat(back.update().type()).isNull();
        assertThat(back.update().retry()).isNull();
    }

    @Test
    void idIsReadAndComparedWithoutUnpackingTheRest() {
        byte[] packed = PackedUpdate.pack(new StoredUpdate(3, new Update("évent-1", List.of("t"), "d", null, null, false)));

        assertThat(PackedUpdate.id(packed)).isEqualTo("évent-1");
        assertThat(PackedUpdate.hasId(packed, PackedUpdate.utf8("évent-1"))).isTrue();
        assertThat(PackedUpdate.hasId(packed, PackedUpdate.utf8("évent-2"))).isFalse();
        assertThat(PackedUpdate.hasId(packed, PackedUpdate.utf8("évent-10"))).isFalse();
    }

    @Test
    void withoutItsFrameAnUpdateTakesFewerBytesAndComesBackWhole() {
        Update update = new Update("urn:uuid:é-42", List.of("/books/1", "/élan/{x}"), "line one\nligne deux ✓",
                "update", 2500L, true);
        StoredUpdate stored = new StoredUpdate(7, update);

        byte[] packed = PackedUpdate.packUpdate(update);

        assertThat(PackedUpdate.unpackUpdate(packed)).isEqualTo(update);
        assertThat(packed.length).isEqualTo(PackedUpdate.pack(stored).length - stored.frame().length);
        assertThat(PackedUpdate.unpackUpdate(PackedUpdate.pack(stored))).as("a frame after it is ignored").isEqualTo(update);
    }
}
