package fr.mssante.ejb.paging;

import fr.mssante.ejb.tenant.InvalidFieldException;

import java.util.Set;

/**
 * What page of a listing a caller wants, and in which order. The sort field is checked against the
 * fields a listing allows, so it can go into a query's ORDER BY without ever carrying request text.
 *
 * @param page       zero-based
 * @param size       1 to {@link #MAX_SIZE}
 * @param sortField  one of the listing's sortable fields
 * @param descending order
 */
public record PageRequest(int page, int size, String sortField, boolean descending) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /**
     * @param sort     {@code field} or {@code field,asc} or {@code field,desc}; null for {@code defaultSort}
     * @param sortable the fields this listing can be sorted by
     * @throws InvalidFieldException naming {@code page}, {@code size} or {@code sort}
     */
    public static PageRequest of(Integer page, Integer size, String sort, String defaultSort, Set<String> sortable) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw new InvalidFieldException("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidFieldException("size", "must be between 1 and " + MAX_SIZE);
        }
        String[] parts = (sort == null || sort.isEmpty() ? defaultSort : sort).split(",", -1);
        if (parts.length > 2 || !sortable.contains(parts[0])) {
            throw new InvalidFieldException("sort", "must be one of " + String.join(", ", sortable.stream().sorted().toList())
                    + ", optionally followed by ,asc or ,desc");
        }
        boolean descending = parts.length == 2 && parts[1].equals("desc");
        if (parts.length == 2 && !descending && !parts[1].equals("asc")) {
            throw new InvalidFieldException("sort", "direction must be asc or desc");
        }
        return new PageRequest(p, s, parts[0], descending);
    }

    /** The first row of this page, for {@code setFirstResult}. */
    public int offset() {
        return Math.multiplyExact(page, size);
    }
}
