package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.jms.InMemoryMapMessage;
import jakarta.jms.MapMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FolderEventsTest {

    @Test
    void the_folders_of_a_batch_travel_in_one_message() throws Exception {
        List<FolderChange> changes = List.of(new FolderChange("a@hopital.fr", UUID.randomUUID()),
                new FolderChange("b@hopital.fr", UUID.randomUUID()));
        MapMessage m = InMemoryMapMessage.create();

        FolderEvents.encode(changes, m);

        assertThat(FolderEvents.decode(m)).containsExactlyElementsOf(changes);
    }

    @Test
    void a_one_folder_message_of_a_node_not_yet_upgraded_is_still_read() throws Exception {
        UUID folder = UUID.randomUUID();
        MapMessage m = InMemoryMapMessage.create();
        m.setString(FolderEvents.USER, "a@hopital.fr");
        m.setString(FolderEvents.FOLDER, folder.toString());

        assertThat(FolderEvents.decode(m)).containsExactly(new FolderChange("a@hopital.fr", folder));
    }
}
