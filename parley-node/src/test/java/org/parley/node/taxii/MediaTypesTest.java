package org.parley.node.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "application/taxii+json;version=2.1 | true",
      "application/taxii+json; version=\"2.1\" | true",
      "application/taxii+json | true",
      "application/json, */*;q=0.1 | true",
      "application/json | false",
      "application/taxii+json;version=2.0 | false",
      "application/taxii+json;version=2.1;q=0 | false",
      "text/html, application/* | true",
      ";; | false",
      ";;,0 | false"})
  void accepts_followsTaxiiMediaTypeRules(String header, boolean expected) {
    assertThat(MediaTypes.accepts(header)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "application/taxii+json;version=2.1 | true",
      "Application/TAXII+JSON ; version=2.1 | true",
      "application/taxii+json | true",
      "application/stix+json;version=2.1 | false",
      "application/json | false",
      "; | false",
      "';;' | false"})
  void isTaxii_acceptsOnlyTaxii21Bodies(String header, boolean expected) {
    assertThat(MediaTypes.isTaxii(header)).isEqualTo(expected);
  }
}
