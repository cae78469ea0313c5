package fr.mssante.ejb.relay;

import fr.mssante.ejb.config.Durations;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * When to try again after a temporary failure: the n-th failed attempt waits the n-th step, the last step
 * repeating (default {@code 2m,5m,10m,15m,30m,1h,2h}, then every 2 hours: RFC 5321 section 4.5.4.1 asks for at
 * least 30 minutes between retries once the first ones failed, and several days before giving up).
 */
public record RetrySchedule(List<Duration> steps) {

    public static final String DEFAULT = "2m,5m,10m,15m,30m,1h,2h";

    public RetrySchedule {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule has at least one step");
        }
    }

    /** @throws IllegalStateException naming {@code setting} for an empty list or a bad step */
    public static RetrySchedule parse(String text, String setting) {
        List<String> parts = Arrays.stream(text.split(",")).map(String::strip).toList();
        if (text.isBlank() || parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalStateException(setting + ": '" + text + "' must list durations separated by commas, e.g. "
                    + DEFAULT);
        }
        return new RetrySchedule(parts.stream().map(p -> Durations.parse(p, setting)).toList());
    }

    /** The wait after {@code failedAttempts} attempts (1 for the first failure). */
    public Duration delayAfter(int failedAttempts) {
        int index = Math.min(Math.max(failedAttempts, 1), steps.size()) - 1;
        return steps.get(index);
    }
}
