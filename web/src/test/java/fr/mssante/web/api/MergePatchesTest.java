package fr.mssante.web.api;

import fr.mssante.ejb.mailbox.MailboxPatch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MergePatchesTest {

    @Test
    void absent_members_are_left_alone_null_removes_and_arrays_replace() {
        MailboxPatch patch = MergePatches.mailbox("{\"displayName\":null,\"redList\":true,\"owners\":[\"810001234567\"]}");
        assertThat(patch.displayName()).isEqualTo(Optional.empty());
        assertThat(patch.redList()).isTrue();
        assertThat(patch.owners()).containsExactly("810001234567");
        assertThat(patch.quotaBytes()).isNull();
        assertThat(patch.publishedInDirectory()).isNull();
        assertThat(MergePatches.mailbox("{}").isEmpty()).isTrue();
        assertThat(MergePatches.mailbox("{\"displayName\":\"Dr X\"}").displayName()).contains("Dr X");
    }

    @Test
    void every_bad_member_is_named() {
        assertThatThrownBy(() -> MergePatches.mailbox("{\"address\":\"x@y.fr\",\"quotaBytes\":\"lots\",\"redList\":null,"
                + "\"owners\":[1]}"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors().stream()
                        .map(Problem.FieldError::field).toList())
                        .containsExactlyInAnyOrder("address", "quotaBytes", "redList", "owners[0]"));
    }

    @Test
    void a_patch_is_a_json_object() {
        assertThatThrownBy(() -> MergePatches.mailbox("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> MergePatches.mailbox("{nope")).hasMessageContaining("malformed");
    }

    @Test
    void establishment_contacts_are_read_as_a_whole_list() {
        MergePatches.EstablishmentPatch patch = MergePatches.establishment(
                "{\"contacts\":[{\"name\":\"DSI\",\"email\":\"dsi@example.fr\"}]}");
        assertThat(patch.name()).isNull();
        assertThat(patch.contacts()).hasSize(1);
        assertThat(patch.contacts().get(0).email()).isEqualTo("dsi@example.fr");
        assertThatThrownBy(() -> MergePatches.establishment("{\"name\":null}"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(Problem.FieldError::field)
                        .isEqualTo(List.of("name")));
    }

    @Test
    void if_match_names_a_version_strongly() {
        assertThat(EntityTags.expectedVersion(null)).isNull();
        assertThat(EntityTags.expectedVersion("*")).isNull();
        assertThat(EntityTags.expectedVersion("\"7\"")).isEqualTo(7L);
        assertThat(EntityTags.expectedVersion("W/\"7\"")).isEqualTo(EntityTags.NO_VERSION);
        assertThat(EntityTags.expectedVersion("\"abc\"")).isEqualTo(EntityTags.NO_VERSION);
    }
}
