package fr.mssante.ejb.persistence;

import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of a native query with optional filters: only the filters present are written, so
 * no parameter is ever bound to null (PostgreSQL cannot type {@code ? IS NULL}). Conditions are SQL
 * written in the code with {@code ?} placeholders; request values only ever travel as parameters.
 */
public final class SqlConditions {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** Adds {@code condition}, whose {@code ?}s take {@code values} in order. */
    public SqlConditions and(String condition, Object... values) {
        StringBuilder numbered = new StringBuilder();
        int next = 0;
        for (char c : condition.toCharArray()) {
            if (c == '?') {
                parameters.add(values[next++]);
                numbered.append('?').append(parameters.size());
            } else {
                numbered.append(c);
            }
        }
        if (next != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + next + " placeholders: " + condition);
        }
        conditions.add("(" + numbered + ")");
        return this;
    }

    /** {@code WHERE ...}, or an empty string without conditions. */
    public String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public <Q extends Query> Q bind(Q query) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }
}
