package org.whiteglove.reporting.domain;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Durations in whole seconds, kept so that rollup rows can be added up and still answer percentiles.
 * Buckets and percentiles are HdrHistogram's with two significant digits: exact below 256 s, within 1 % above
 * (4 h 00 min ± 2.4 min: plenty for a manager's percentile, and a month's cell keeps a few hundred buckets,
 * not thousands). Two forms: a rollup cell holds a handful of values, kept sparse ((bucket, count) pairs, a few bytes
 * stored); a report adds up thousands of cells into a dense HdrHistogram, where adding is an array increment.
 * The stored form is a list of absolute (bucket, count) varint pairs, so encodings simply concatenate
 * (PostgreSQL's {@code string_agg} adds cells up without decoding them).
 */
public final class DurationHistogram {

    /** Ten years in seconds: no ticket waits longer. */
    private static final long HIGHEST_SECONDS = 10L * 366 * 24 * 3600;
    private static final int DIGITS = 2;
    private static final Histogram BUCKETS = new Histogram(HIGHEST_SECONDS, DIGITS);

    private final TreeMap<Long, Long> sparse;
    /**
     * Encoded cells not yet counted into {@link #dense}: adding up is only appending, and the counts array is
     * made once, at the size the largest value needs, when a percentile is asked for.
     */
    private final List<byte[]> pending = new ArrayList<>();
    private Histogram dense;

    private DurationHistogram(boolean dense) {
        this.sparse = dense ? null : new TreeMap<>();
    }

    /** For a rollup cell. */
    public static DurationHistogram sparse() {
        return new DurationHistogram(false);
    }

    /** For a report's totals over many cells. */
    public static DurationHistogram dense() {
        return new DurationHistogram(true);
    }

    public void recordSeconds(long seconds) {
        recordSeconds(seconds, 1);
    }

    /**
     * {@code count} may be negative in a sparse histogram: a rollup change takes a ticket's old duration out of its
     * cell. A bucket whose count comes to zero is dropped, so a cell changed back and forth encodes as before.
     */
    public void recordSeconds(long seconds, long count) {
        record(BUCKETS.lowestEquivalentValue(Math.max(0, Math.min(seconds, HIGHEST_SECONDS))), count);
    }

    private void record(long bucket, long count) {
        if (sparse == null) {
            materialize();
            if (dense == null) {
                dense = new Histogram(DIGITS);
            }
            dense.recordValueWithCount(bucket, count);
        } else {
            sparse.merge(bucket, count, (was, more) -> was + more == 0 ? null : was + more);
        }
    }

    public void add(DurationHistogram other) {
        if (sparse == null && other.sparse == null && other.dense == null) {
            pending.addAll(other.pending);
            return;
        }
        other.materialize();
        if (other.sparse == null) {
            if (other.dense == null) {
                return;
            }
            if (sparse == null) {
                // Both dense, with the same buckets: HdrHistogram adds the counts array, where recording each of the
                // other's values took half of a year-by-week vip-impact report (its rows' percentiles materialize them).
                materialize();
                if (dense == null) {
                    dense = new Histogram(DIGITS);
                }
                dense.add(other.dense);
                return;
            }
            for (HistogramIterationValue value : other.dense.recordedValues()) {
                record(value.getValueIteratedTo() == 0 ? 0 : other.dense.lowestEquivalentValue(value.getValueIteratedTo()),
                        value.getCountAtValueIteratedTo());
            }
        } else {
            other.sparse.forEach(this::record);
        }
    }

    /** Nothing recorded (or everything recorded taken out again). */
    public boolean isEmpty() {
        return count() == 0 && (sparse == null || sparse.isEmpty());
    }

    public long count() {
        materialize();
        if (sparse == null) {
            return dense == null ? 0 : dense.getTotalCount();
        }
        return sparse.values().stream().mapToLong(Long::longValue).sum();
    }

    /** HdrHistogram's percentile (the value at rank round(p % × count), at least the first), in seconds; null when empty. */
    public Long percentile(double percent) {
        materialize();
        if (sparse == null) {
            return dense == null ? null : dense.lowestEquivalentValue(dense.getValueAtPercentile(percent));
        }
        if (sparse.isEmpty()) {
            return null;
        }
        DurationHistogram asDense = dense();
        asDense.add(this);
        return asDense.percentile(percent);
    }

    public byte[] encode() {
        materialize();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (dense != null) {
            // Only a dense histogram has one.
            for (HistogramIterationValue value : dense.recordedValues()) {
                writeVarint(out, dense.lowestEquivalentValue(value.getValueIteratedTo()));
                writeVarint(out, value.getCountAtValueIteratedTo());
            }
        } else {
            for (Map.Entry<Long, Long> bucket : sparse.entrySet()) {
                writeVarint(out, bucket.getKey());
                writeVarint(out, bucket.getValue());
            }
        }
        return out.toByteArray();
    }

    /** Adds encoded histograms (one, or several concatenated) to this one. */
    public void addEncoded(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            return;
        }
        if (sparse == null) {
            pending.add(encoded);
            return;
        }
        Varints in = new Varints(encoded);
        while (in.hasMore()) {
            long bucket = in.next();
            record(bucket, in.next());
        }
    }

    private void materialize() {
        if (pending.isEmpty()) {
            return;
        }
        long highest = 2;
        for (byte[] encoded : pending) {
            Varints in = new Varints(encoded);
            while (in.hasMore()) {
                highest = Math.max(highest, in.next());
                in.next();
            }
        }
        if (dense == null) {
            dense = new Histogram(highest, DIGITS);
            dense.setAutoResize(true);
        }
        for (byte[] encoded : pending) {
            Varints in = new Varints(encoded);
            while (in.hasMore()) {
                long bucket = in.next();
                dense.recordValueWithCount(bucket, in.next());
            }
        }
        pending.clear();
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    /**
     * Reads varints off an array with a plain index: a year's report decodes every bucket of its cells, and ByteBuffer's
     * bounds-checked get() was a fifth of a year-by-month response-times report (the services run C1 only).
     */
    private static final class Varints {
        private final byte[] bytes;
        private int at;

        Varints(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean hasMore() {
            return at < bytes.length;
        }

        long next() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[at++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }
    }
}
