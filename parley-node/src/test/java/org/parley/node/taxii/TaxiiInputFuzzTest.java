package org.parley.node.taxii;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the node's own parsers of untrusted request text: query filters, next cursors and media types.
 * Each must either accept the input or refuse it with a TaxiiError (a 4xx); anything else is a crash.
 * Plain {@code mvn test} replays the kept inputs under src/test/resources/.../TaxiiInputFuzzTestInputs/.
 */
class TaxiiInputFuzzTest {
  private static final List<String> NAMES = List.of("added_after", "limit", "next", "match[id]", "match[type]",
      "match[version]", "match[spec_version]", "match[foo]", "x");
  private static final Cursors CURSORS = new Cursors(new byte[32], Clock.systemUTC(), Duration.ofHours(1));

  @FuzzTest(maxDuration = "60s")
  void filters(FuzzedDataProvider data) {
    Map<String, List<String>> query = new HashMap<>();
    int n = data.consumeInt(0, 6);
    for (int i = 0; i < n; i++) {
      String name = data.consumeBoolean() ? NAMES.get(data.consumeInt(0, NAMES.size() - 1))
          : data.consumeString(20);
      List<String> values = new ArrayList<>();
      int m = data.consumeInt(1, 3);
      for (int j = 0; j < m; j++) {
        values.add(data.consumeString(80));
      }
      query.put(name, values);
    }
    try {
      Filters f = Filters.parse(query, Filters.OBJECTS);
      if (f.limit().isPresent() && f.limit().getAsInt() < 1) {
        throw new AssertionError("accepted a non-positive limit");
      }
    } catch (TaxiiError e) {
      if (e.status() != 400) {
        throw new AssertionError("filters refused with " + e.status());
      }
    }
  }

  @FuzzTest(maxDuration = "60s")
  void cursors(FuzzedDataProvider data) {
    String binding = data.consumeString(40);
    String cursor = data.consumeRemainingAsString();
    try {
      CURSORS.open(cursor, binding);
      throw new AssertionError("accepted a cursor it never issued: " + cursor);
    } catch (TaxiiError e) {
      if (e.status() != 400) {
        throw new AssertionError("cursor refused with " + e.status());
      }
    }
  }

  @FuzzTest(maxDuration = "60s")
  void mediaTypes(FuzzedDataProvider data) {
    String header = data.consumeRemainingAsString();
    MediaTypes.accepts(header);
    MediaTypes.isTaxii(header);
  }
}
