package org.whiteglove.reporting.domain;

import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Durations in whole seconds, kept as (bucket, count) pairs so that rollup rows can be added up and still
 * answer percentiles. Buckets are HdrHistogram's with three significant digits: exact below 2,048 s, within
 * 0.1 % above. Stored sparse (a cohort cell holds a handful of values): HdrHistogram's own encoding decodes
 * into its full counts array, which for thousands of rollup rows per query costs more than the query.
 */
public final class DurationHistogram {

    /** Ten years in seconds: no ticket waits longer. */
    private static final long HIGHEST_SECONDS = 10L * 366 * 24 * 3600;
    private static final Histogram BUCKETS = new Histogram(HIGHEST_SECONDS, 3);

    private final TreeMap<Long, Long> counts = new TreeMap<>();
    private long total;

    public void recordSeconds(long seconds) {
        record(Math.max(0, Math.min(seconds, HIGHEST_SECONDS)), 1);
    }

    private void record(long seconds, long count) {
        counts.merge(BUCKETS.lowestEquivalentValue(seconds), count, Long::sum);
        total += count;
    }

    public void add(DurationHistogram other) {
        other.counts.forEach((bucket, count) -> counts.merge(bucket, count, Long::sum));
        total += other.total;
    }

    public long count() {
        return total;
    }

    /** Nearest-rank percentile in seconds (the smallest value with at least p % of values at or below it); null when empty. */
    public Long percentile(double percent) {
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
        long seen = 0;
        for (Map.Entry<Long, Long> bucket : counts.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return bucket.getKey();
            }
        }
        return counts.lastKey();
    }

    /** Pairs of unsigned varints: bucket as the difference to the previous bucket, then its count. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(counts.size() * 4);
        long previous = 0;
        for (Map.Entry<Long, Long> bucket : counts.entrySet()) {
            writeVarint(out, bucket.getKey() - previous);
            writeVarint(out, bucket.getValue());
            previous = bucket.getKey();
        }
        return out.toByteArray();
    }

    /** Adds an encoded histogram to this one. */
    public void addEncoded(byte[] encoded) {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        long bucket = 0;
        while (in.hasRemaining()) {
            bucket += readVarint(in);
            long count = readVarint(in);
            counts.merge(bucket, count, Long::sum);
            total += count;
        }
    }

    public static DurationHistogram decode(byte[] encoded) {
        DurationHistogram histogram = new DurationHistogram();
        histogram.addEncoded(encoded);
        return histogram;
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}
