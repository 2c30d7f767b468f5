package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IndicatorExtractionTest {
  private final Extractor extractor = Extractor.builtIn();

  private List<String> found(String text) throws ExtractException {
    return extractor.indicators(text).stream().map(i -> i.type().label() + ":" + i.value())
        .collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "C2 at 45.77.12.9 today|ipv4:45.77.12.9",
      "C2 at 45.77.12[.]9 today|ipv4:45.77.12.9",
      "C2 at 45[.]77[.]12[.]9:8443 today|ipv4:45.77.12.9",
      "range 185.10.68.0/24 was used|ipv4:185.10.68.0/24",
      "beacons to evil-update[.]com every hour|domain:evil-update.com",
      "beacons to evil-update(.)com every hour|domain:evil-update.com",
      "beacons to evil-update{.}com every hour|domain:evil-update.com",
      "beacons to evil-update[dot]com every hour|domain:evil-update.com",
      "访问了evil-update。com的服务器|domain:evil-update.com",
      "下载自hxxp：／／evil-update．com／a.exe|url:http://evil-update.com/a.exe",
      "fetches hxxps://cdn.evil-update[.]com/x/y.php?id=1.|url:https://cdn.evil-update.com/x/y.php?id=1",
      "fetches hxxp[:]//1.2.3.4/x|url:http://1.2.3.4/x",
      "mail from bob[@]evil-update[.]com said|email:bob@evil-update.com",
      "hash 44d88612fea8a8f36de82e1278abb02f was|md5:44d88612fea8a8f36de82e1278abb02f",
      "sha1 3395856CE81F2B7382DEE72602F798B642F14140 x|sha1:3395856ce81f2b7382dee72602f798b642f14140",
      "exploited CVE-2021-44228 and cve-2023-23397|cve:CVE-2021-44228,cve:CVE-2023-23397",
      "techniques T1059.001 and TA0002 by G0007 with S0002|attack-technique:T1059.001,attack-tactic:TA0002,attack-group:G0007,attack-software:S0002",
      "hosted in AS4134 and ASN 9808|asn:AS4134,asn:AS9808",
      "runs svchost.exe from C:\\Windows\\Temp\\svchost.exe|file-name:svchost.exe,file-path:C:\\Windows\\Temp\\svchost.exe",
      "loads C:\\Program Files (x86)\\Common Files\\msadox.dll now|file-path:C:\\Program Files (x86)\\Common Files\\msadox.dll",
      "wrote C:\\Temp\\a.exe and then C:\\Temp\\b.exe|file-path:C:\\Temp\\a.exe,file-path:C:\\Temp\\b.exe",
      "key HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run was set|registry-key:HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
      "wallet 0x52908400098527886E0F7030069857D2E4169EE7 paid|eth-address:0x52908400098527886e0f7030069857d2e4169ee7",
      "wallet 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 paid|btc-address:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
      "wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq paid|btc-address:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
      "payout 44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A set|xmr-address:44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A",
      "v6 2001:db8::1 and 2606:4700:4700::1111|ipv6:2001:db8::1,ipv6:2606:4700:4700::1111",
      "reads /etc/passwd and /tmp/.x/run.sh|file-path:/etc/passwd,file-path:/tmp/.x/run.sh",
      "beacons to bücher-example.de hourly|domain:bücher-example.de",
      "beacons to www.münchen-test.de hourly|domain:www.münchen-test.de",
      "fetches https://bücher-example.de/x.php then|url:https://bücher-example.de/x.php",
      "mail admin@bücher-example.de now|email:admin@bücher-example.de",
      "opened résumé.pdf at 9|file-name:résumé.pdf",
      "opened bücher.docx at 9|file-name:bücher.docx",
      "связь с пример.рф была|domain:пример.рф",
      "C2 at παράδειγμα.ελ today|domain:παράδειγμα.ελ",
      "fetched https://evil-cdn.com/pa\u00adyload/st\u200bage2.php then|url:https://evil-cdn.com/payload/stage2.php",
      "contacted bad\u200bdomain.com and bad\u2060host.net|domain:baddomain.com,domain:badhost.net",
      "hash 5f4dcc3b5aa765d61d83\u200b27deb882cf99 seen|md5:5f4dcc3b5aa765d61d8327deb882cf99",
      "opened Quar\u00adterly.docx at 9|file-name:Quarterly.docx",
      "\ufeffbeacons to evil.com hourly|domain:evil.com",
  })
  void extract_findsExpectedIndicators(String text, String expected) throws ExtractException {
    assertThat(found(text)).containsExactly(expected.split(","));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Chrome version 1.2.3.4 was patched",
      "the agent 6.1.0.2 and sensor 4.12.0.3 were updated to 5.4.3.2",
      "see Figure 3.1.2.4 and Section 1.1.1.1, OID 2.5.29.17",
      "FortiOS 7.4.1.2 and PAN-OS 10.2.3.4 are affected",
      "公告。版本 5.4.3.2，固件版本为 2.1.0.3",
      "the range 1.2.3.0/33 is no network",
      "updated to v10.0.19041.1",
      "OID 1.3.6.1.4.1.311 is used",
      "the System.IO namespace and Node.js",
      "at 12:30:45 on the host",
      "std::string and a::b",
      "e.g. this, i.e. that",
      "the year 2021-2022 and 3.14",
      "MAC 00:11:22:33:44:55 seen",
      "payout 44AFFq5kSiHBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A set",
      "Müller-Lüdenscheidt.123 und GRÖSSE.DE sind keine",
      "the Ελλάδα.gr-style name and naïve.x",
      "это слово. Следующее предложение.",
  })
  void extract_ignoresLookalikes(String text) throws ExtractException {
    assertThat(found(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "载荷 hxxp://update.energy-check[.]top:8080/download/安全通知.zip?uid=1024 已下载|url:http://update.energy-check.top:8080/download/安全通知.zip?uid=1024",
      "样本 https://bad.example-cn.cn/下载/样本.exe 。|url:https://bad.example-cn.cn/下载/样本.exe",
      "файл https://cdn.evil-files.ru/загрузка/файл.exe скачан|url:https://cdn.evil-files.ru/загрузка/файл.exe",
      "访问http://evil-site.com/a获取更多信息|url:http://evil-site.com/a",
      "访问http://evil-site.com/b获取更多。然后退出|url:http://evil-site.com/b",
  })
  void extract_aUrlWhosePathHoldsNamesOutsideAscii_isReadWhole_textAfterItIsNot(String text, String expected)
      throws ExtractException {
    assertThat(found(text)).contains(expected); // "…/download/" alone was a wrong URL, the Cyrillic one nothing
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "C2 at evil\u2011cdn.com today|domain:evil-cdn.com", // a non-breaking hyphen is a hyphen
      "C2 at evil\uff0dcdn\uff0ecom today|domain:evil-cdn.com", // full-width hyphen and dot
      "see \uff48\uff54\uff54\uff50\uff53\uff1a\uff0f\uff0fbad\uff0eexample-c2\uff0enet\uff0fx now|url:https://bad.example-c2.net/x",
      "C2 at EVIL-UPPER.COM today|domain:evil-upper.com", // IOCs printed in capitals
      "get HXXP://EVIL-UPPER.COM/Payload now|url:http://evil-upper.com/Payload",
  })
  void extract_hyphensFullWidthFormsAndCapitals_readTheWholeIndicator(String text, String expected)
      throws ExtractException {
    assertThat(found(text)).containsExactly(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "C2 at evil\u200ccdn.com today", // zero-width non-joiner
      "C2 at evil\u200dnode.org today", // zero-width joiner
      "C2 at te\u0301st-domain.com today", // a combining accent
      "C2 at evil\ufffddomain.com today", // an undecodable byte
      "file invoice\u202egpj.exe today", // a right-to-left override
  })
  void extract_aCharacterThatJoinsATokenItDoesNotBelongTo_yieldsNotTheTail_somebodyElsesDomain(String text)
      throws ExtractException {
    assertThat(found(text)).isEmpty();
  }

  @Test
  void extract_referenceSitesAndTheEmptyFilesHash_areKeptFlaggedWellKnown_andCodeHostsAreNot() throws ExtractException {
    List<Indicator> found = extractor.indicators("See https://www.cisa.gov/aa23-320a and report@cisa.gov; the"
        + " dropper was hosted at https://raw.githubusercontent.com/x/y/main/p.ps1 and evil-cdn.com; an empty file"
        + " d41d8cd98f00b204e9800998ecf8427e was written.");

    assertThat(found).filteredOn(i -> i.flags().contains(IndicatorFlag.WELL_KNOWN)).extracting(Indicator::value)
        .containsExactlyInAnyOrder("https://www.cisa.gov/aa23-320a", "report@cisa.gov",
            "d41d8cd98f00b204e9800998ecf8427e");
    assertThat(found).extracting(Indicator::value).contains("evil-cdn.com",
        "https://raw.githubusercontent.com/x/y/main/p.ps1"); // attackers host payloads there: an IOC as any other
  }

  @Test
  void extract_aUrlOnAPrivateOrReservedAddress_isFlaggedAsTheAddressWouldBe() throws ExtractException {
    List<Indicator> found = extractor.indicators("fetched http://127.0.0.1:8000/x and http://10.1.2.3/y and"
        + " http://[2001:db8::1]/z and http://docs.example.com/w");

    assertThat(found).filteredOn(i -> i.type() == IndicatorType.URL).extracting(i -> i.value() + " " + i.flags())
        .containsExactly("http://127.0.0.1:8000/x [RESERVED]", "http://10.1.2.3/y [PRIVATE]",
            "http://[2001:db8::1]/z [RESERVED]", "http://docs.example.com/w [RESERVED]");
  }

  @Test
  void extract_flagsPrivateAddressesInsteadOfDropping() throws ExtractException {
    Indicator i = extractor.indicators("lateral move to 10.1.2.3 then 127.0.0.1").get(0);
    assertThat(i.value()).isEqualTo("10.1.2.3");
    assertThat(i.flags()).containsExactly(IndicatorFlag.PRIVATE);
  }

  @Test
  void extract_invisibleCharactersInsideAnIndicator_areNotADefang_andItsSpanIsTheOriginalText() throws ExtractException {
    String text = "C2 at bad\u200bdomain.com\u200b, then";
    Indicator i = extractor.indicators(text).get(0);
    assertThat(i.value()).isEqualTo("baddomain.com");
    assertThat(i.flags()).doesNotContain(IndicatorFlag.DEFANGED);
    assertThat(i.spans().get(0).text()).isEqualTo("bad\u200bdomain.com");
  }

  @Test
  void extract_spansPointToOriginalDefangedText() throws ExtractException {
    String text = "C2: hxxps://evil-update[.]com/gate.php。下一步";
    Indicator i = extractor.indicators(text).get(0);
    Span s = i.spans().get(0);
    assertThat(s.text()).isEqualTo("hxxps://evil-update[.]com/gate.php");
    assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
    assertThat(i.flags()).contains(IndicatorFlag.DEFANGED);
  }
}
