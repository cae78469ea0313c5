package fr.mssante.ejb.identity;

import java.time.Duration;

/**
 * Limits of {@link AuthThrottle}, from system properties so operators can tune them per deployment.
 *
 * @param delayAfter      failures of an account after which each further failure is answered late
 * @param delayStep       added per failure beyond {@code delayAfter}, up to {@code maxDelay}
 * @param maxDelay        longest wait before a failure reply
 * @param accountLockAfter failures of one account within {@code window} that lock it
 * @param ipLockAfter     failures from one client address within {@code window} that lock it (higher:
 *                        several users may sit behind one hospital NAT)
 * @param window          how long failures are remembered
 * @param lockDuration    the cooling-off period
 */
public record ThrottleSettings(int delayAfter, Duration delayStep, Duration maxDelay, int accountLockAfter,
                               int ipLockAfter, Duration window, Duration lockDuration) {

    public static ThrottleSettings fromSystemProperties() {
        return new ThrottleSettings(
                Integer.getInteger("mssante.auth.delay-after", 3),
                Duration.ofMillis(Long.getLong("mssante.auth.delay-step-ms", 1000)),
                Duration.ofMillis(Long.getLong("mssante.auth.max-delay-ms", 5000)),
                Integer.getInteger("mssante.auth.account-lock-after", 10),
                Integer.getInteger("mssante.auth.ip-lock-after", 50),
                Duration.ofSeconds(Long.getLong("mssante.auth.window-seconds", 900)),
                Duration.ofSeconds(Long.getLong("mssante.auth.lock-seconds", 900)));
    }

    /** The wait before answering the {@code failures}-th failure of an account. */
    public Duration delayFor(int failures) {
        if (failures <= delayAfter) {
            return Duration.ZERO;
        }
        Duration delay = delayStep.multipliedBy(failures - delayAfter);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
