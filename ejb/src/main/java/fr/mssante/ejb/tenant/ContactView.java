package fr.mssante.ejb.tenant;

import java.util.ArrayList;
import java.util.List;

/** A contact as the API reads and writes it: {@code {name, role, email, phone}}, name required. */
public record ContactView(String name, String role, String email, String phone) {

    /** Checks a list of contacts, naming the element at fault ({@code contacts[1].name}). */
    public static List<Contact> toEntities(List<ContactView> views) {
        List<Contact> contacts = new ArrayList<>();
        if (views == null) {
            return contacts;
        }
        for (int i = 0; i < views.size(); i++) {
            ContactView v = views.get(i);
            String at = "contacts[" + i + "]";
            if (v == null || v.name() == null || v.name().isBlank()) {
                throw new InvalidFieldException(at + ".name", "a contact needs a name");
            }
            if (v.email() != null && !v.email().isEmpty()) {
                CanonicalAddress.parse(v.email(), at + ".email");
            }
            contacts.add(new Contact(v.name(), v.role(), v.email(), v.phone()));
        }
        return contacts;
    }
}
