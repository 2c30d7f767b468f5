package org.parley.node.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and latency histograms in the Prometheus text exposition format (version 0.0.4), without a
 * client library: the node exposes a handful of series, nothing more.
 */
public final class Metrics {
  private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final LongAdder objectsStored = new LongAdder();

  private static final class Histogram {
    final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
    final LongAdder micros = new LongAdder();

    Histogram() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }
  }

  /** Records one request; {@code route} is the matched route template, never the raw path. */
  public void request(String method, String route, int status, double seconds) {
    requests.computeIfAbsent(labels(method, route, Integer.toString(status)), k -> new LongAdder()).increment();
    Histogram h = latency.computeIfAbsent(labels(method, route, null), k -> new Histogram());
    int i = 0;
    while (i < BUCKETS.length && seconds > BUCKETS[i]) {
      i++;
    }
    h.counts[i].increment();
    h.micros.add((long) (seconds * 1e6));
  }

  public void objectsStored(int n) {
    objectsStored.add(n);
  }

  private static String labels(String method, String route, String status) {
    String s = "method=\"" + method + "\",route=\"" + route.replace("\"", "") + "\"";
    return status == null ? s : s + ",status=\"" + status + "\"";
  }

  public String exposition() {
    StringBuilder b = new StringBuilder();
    b.append("# HELP parley_http_requests_total HTTP requests by method, route and status.\n");
    b.append("# TYPE parley_http_requests_total counter\n");
    requests.forEach((k, v) -> b.append("parley_http_requests_total{").append(k).append("} ").append(v.sum())
        .append('\n'));
    b.append("# HELP parley_http_request_duration_seconds HTTP request latency.\n");
    b.append("# TYPE parley_http_request_duration_seconds histogram\n");
    latency.forEach((k, h) -> {
      long cumulative = 0;
      for (int i = 0; i <= BUCKETS.length; i++) {
        cumulative += h.counts[i].sum();
        String le = i < BUCKETS.length ? Double.toString(BUCKETS[i]) : "+Inf";
        b.append("parley_http_request_duration_seconds_bucket{").append(k).append(",le=\"").append(le)
            .append("\"} ").append(cumulative).append('\n');
      }
      b.append("parley_http_request_duration_seconds_sum{").append(k).append("} ")
          .append(h.micros.sum() / 1e6).append('\n');
      b.append("parley_http_request_duration_seconds_count{").append(k).append("} ").append(cumulative)
          .append('\n');
    });
    b.append("# HELP parley_objects_stored_total Object versions stored through the write path.\n");
    b.append("# TYPE parley_objects_stored_total counter\n");
    b.append("parley_objects_stored_total ").append(objectsStored.sum()).append('\n');
    return b.toString();
  }
}
