package fr.mssante.ejb.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    @Test
    void a_hash_verifies_its_password_and_only_it() {
        String phc = PasswordHasher.hash("Demo-Mssante-2026");
        assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(PasswordHasher.verify("Demo-Mssante-2026", phc)).isTrue();
        assertThat(PasswordHasher.verify("demo-mssante-2026", phc)).isFalse();
        assertThat(PasswordHasher.verify("", phc)).isFalse();
    }

    @Test
    void two_hashes_of_one_password_differ_by_their_salt() {
        assertThat(PasswordHasher.hash("x")).isNotEqualTo(PasswordHasher.hash("x"));
    }

    @Test
    void matches_the_rfc_9106_argon2id_parameters_read_from_the_hash() {
        // Reference value computed with the argon2 CLI: echo -n password | argon2 somesalt -id -t 2 -k 65536 -p 1 -l 32
        String phc = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(PasswordHasher.verify("password", phc)).isTrue();
    }

    @Test
    void malformed_hashes_never_verify() {
        assertThat(PasswordHasher.verify("x", "")).isFalse();
        assertThat(PasswordHasher.verify("x", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(PasswordHasher.verify("x", "$argon2id$v=19$m=x,t=2,p=1$AAAA$AAAA")).isFalse();
    }
}
