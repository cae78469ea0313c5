package fr.mssante.ejb.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Someone to call about an establishment's mail (its IT department, its DPO...). */
@Embeddable
public class Contact {

    @Column(nullable = false)
    private String name;
    private String role;
    private String email;
    private String phone;

    protected Contact() {
    }

    public Contact(String name, String role, String email, String phone) {
        this.name = name;
        this.role = role;
        this.email = email;
        this.phone = phone;
    }

    public ContactView view() {
        return new ContactView(name, role, email, phone);
    }
}
