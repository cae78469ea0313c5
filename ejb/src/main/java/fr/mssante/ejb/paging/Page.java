package fr.mssante.ejb.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing, with the total so that a client can show "21–40 of 312" and page on.
 *
 * @param items what this page holds, in the requested order
 * @param page  zero-based page number
 * @param size  the page size asked for
 * @param total how many items match the filters, over all pages
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
