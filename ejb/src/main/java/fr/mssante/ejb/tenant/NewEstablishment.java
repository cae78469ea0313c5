package fr.mssante.ejb.tenant;

import java.util.List;

/** The body of {@code POST /api/v1/establishments}. */
public record NewEstablishment(String finess, String name, List<ContactView> contacts) {
}
