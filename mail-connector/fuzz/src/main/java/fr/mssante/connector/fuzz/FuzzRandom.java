package fr.mssante.connector.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The fuzz tests' own input source (ADR 0031): a seeded {@link SplittableRandom} and the few shapes of
 * hostile input the targets need. Input {@code i} of a run with seed {@code S} draws from seed
 * {@code S + i}, so a failure names the one seed that replays it alone:
 * {@code -Dfuzz.seed=<seed> -Dfuzz.tries=1}. The count comes from {@code -Dfuzz.tries} (small in the
 * build, a million in the {@code fuzz-long} profile); without {@code -Dfuzz.seed} each run draws a new seed.
 */
public final class FuzzRandom {

    /** Inputs per target in the ordinary build: enough to catch regressions, small enough to stay fast. */
    private static final int DEFAULT_TRIES = 2_000;

    private final SplittableRandom random;

    private FuzzRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * Runs {@code oneInput} on {@code -Dfuzz.tries} inputs; the first failure (assertion, exception or
     * missed deadline) stops the run with the seed that replays it.
     */
    public static void run(String target, Consumer<FuzzRandom> oneInput) {
        long runSeed = Long.getLong("fuzz.seed", new SplittableRandom().nextLong());
        int tries = Integer.getInteger("fuzz.tries", DEFAULT_TRIES);
        long start = System.nanoTime();
        for (int i = 0; i < tries; i++) {
            long seed = runSeed + i;
            try {
                oneInput.accept(new FuzzRandom(seed));
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(target + ": input " + i + " of run seed " + runSeed
                        + " failed; replay it with -Dfuzz.seed=" + seed + " -Dfuzz.tries=1", e);
            }
        }
        System.out.printf("fuzz %s: %d inputs, %d ms, seed %d, no finding%n",
                target, tries, (System.nanoTime() - start) / 1_000_000, runSeed);
    }

    /** Between {@code min} and {@code max}, both included. */
    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    /** True {@code weight} times out of {@code total}. */
    public boolean oneIn(int weight, int total) {
        return random.nextInt(total) < weight;
    }

    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    public final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Up to {@code maxCount} tokens chosen from {@code tokens}, concatenated. */
    public String tokens(List<String> tokens, int maxCount) {
        StringBuilder out = new StringBuilder();
        for (int n = between(0, maxCount); n > 0; n--) {
            out.append(pick(tokens));
        }
        return out.toString();
    }

    /** Up to {@code maxLength} random octets. */
    public byte[] bytes(int maxLength) {
        byte[] out = new byte[between(0, maxLength)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    /**
     * Up to {@code maxLength} characters, biased to the ones parsers trip on: controls (NUL, bare CR and
     * LF, TAB), ASCII punctuation, 8-bit Latin-1, any BMP character (lone surrogates included), and runs of
     * one character.
     */
    public String text(int maxLength) {
        int length = between(0, maxLength);
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            switch (random.nextInt(6)) {
                case 0 -> out.append((char) random.nextInt(0x20));
                case 1, 2 -> out.append((char) random.nextInt(0x20, 0x7f));
                case 3 -> out.append((char) random.nextInt(0x7f, 0x100));
                case 4 -> out.append((char) random.nextInt(0x10000));
                default -> out.append(String.valueOf((char) random.nextInt(0x20, 0x7f))
                        .repeat(Math.min(length - out.length(), between(1, 64))));
            }
        }
        return out.toString();
    }

    /** Characters in {@code [from, to]}, between {@code minLength} and {@code maxLength} of them. */
    public String text(char from, char to, int minLength, int maxLength) {
        StringBuilder out = new StringBuilder();
        for (int n = between(minLength, maxLength); n > 0; n--) {
            out.append((char) random.nextInt(from, to + 1));
        }
        return out.toString();
    }

    /** How the network splits a stream: one to eight read sizes, cycled. */
    public List<Integer> readSizes() {
        List<Integer> sizes = new ArrayList<>();
        for (int n = between(1, 8); n > 0; n--) {
            sizes.add(between(1, 4096));
        }
        return sizes;
    }
}
