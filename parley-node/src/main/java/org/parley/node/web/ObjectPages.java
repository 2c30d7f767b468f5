package org.parley.node.web;

import java.util.List;
import java.util.Optional;
import org.parley.marking.Member;
import org.parley.node.store.CollectionInfo;
import org.parley.node.store.StoredVersion;

/** A collection's objects, newest first, and one object with its versions. Every stored byte is untrusted. */
final class ObjectPages {
  /** STIX 2.1 types offered in the filter's suggestions; any valid type name may be typed. */
  static final List<String> COMMON_TYPES = List.of("attack-pattern", "campaign", "course-of-action", "grouping",
      "identity", "indicator", "infrastructure", "intrusion-set", "malware", "note", "observed-data", "opinion",
      "relationship", "report", "sighting", "threat-actor", "tool", "vulnerability", "domain-name", "file",
      "ipv4-addr", "ipv6-addr", "url", "email-addr");

  private ObjectPages() {}

  static String objects(Frame f, CollectionInfo c, Member m, Optional<String> type, NewestFirst.Result page) {
    Html h = f.open(c.title());
    h.raw("<h1 id=\"collection-title\">").text(c.title()).raw("</h1><p class=\"meta\">")
        .text(f.t("objects.you", Pages.roles(f, m))).raw(" ");
    Frame.badge(h, Optional.of(m.ceiling()), m.ceiling(), f);
    h.raw("</p><form method=\"get\" class=\"filter\" action=\"/console/collections/").text(Frame.segment(c.id()))
        .raw("\"><label for=\"type\">").text(f.t("objects.filter.type")).raw("</label>")
        .raw("<input id=\"type\" name=\"type\" list=\"stix-types\" maxlength=\"250\" value=\"")
        .text(type.orElse("")).raw("\" placeholder=\"").text(f.t("objects.filter.all")).raw("\">")
        .raw("<datalist id=\"stix-types\">");
    COMMON_TYPES.forEach(t -> h.raw("<option value=\"").text(t).raw("\">"));
    h.raw("</datalist><button type=\"submit\">").text(f.t("objects.filter.apply")).raw("</button></form>");
    if (page.rows().isEmpty()) {
      return f.close(h.raw("<p class=\"empty\" id=\"no-objects\">").text(f.t("objects.none")).raw("</p>"));
    }
    h.raw("<table class=\"list\" id=\"objects\"><thead><tr><th>").text(f.t("objects.type")).raw("</th><th>")
        .text(f.t("objects.name")).raw("</th><th>").text(f.t("objects.tlp")).raw("</th><th>")
        .text(f.t("objects.added")).raw("</th><th>").text(f.t("objects.submitter")).raw("</th></tr></thead><tbody>");
    for (StoredVersion v : page.rows()) {
      h.raw("<tr><td class=\"type\"><code>").text(v.type())
          .raw("</code></td><td class=\"name\"><a class=\"object\" href=\"").text(objectUrl(c, v.objectId()))
          .raw("\">").text(StixText.label(v.json()).orElse(v.objectId()))
          .raw("</a></td><td>");
      Frame.badge(h, v.level(), c.agreement().unmarkedAs(), f);
      h.raw("</td><td><time>").text(Frame.utc(v.dateAdded())).raw("</time></td><td>").text(v.submitter())
          .raw("</td></tr>");
    }
    h.raw("</tbody></table><nav class=\"pages\">");
    String base = "/console/collections/" + Frame.segment(c.id()) + "?"
        + type.map(t -> "type=" + Frame.segment(t) + "&").orElse("");
    page.newer().ifPresent(n -> h.raw("<a rel=\"prev\" id=\"newer\" href=\"")
        .text(n == Long.MAX_VALUE ? base : base + "before=" + n).raw("\">").text(f.t("objects.newer"))
        .raw("</a>"));
    page.older().ifPresent(o -> h.raw("<a rel=\"next\" id=\"older\" href=\"").text(base + "before=" + o)
        .raw("\">").text(f.t("objects.older")).raw("</a>"));
    return f.close(h.raw("</nav>"));
  }

  /**
   * One object: the chosen version (the newest visible by default) pretty-printed, and every version the
   * viewer may see, newest first.
   */
  static String object(Frame f, CollectionInfo c, List<StoredVersion> versionsNewestFirst, StoredVersion shown) {
    String label = StixText.label(shown.json()).orElse(shown.objectId());
    Html h = f.open(label);
    h.raw("<p class=\"crumbs\"><a href=\"/console/collections/").text(Frame.segment(c.id())).raw("\">")
        .text(c.title()).raw("</a></p><h1 id=\"object-title\">").text(label).raw("</h1><dl class=\"facts\">");
    fact(h, f.t("object.id"), shown.objectId());
    fact(h, f.t("objects.type"), shown.type());
    fact(h, f.t("object.spec"), shown.specVersion());
    fact(h, f.t("object.version"), shown.versionText());
    fact(h, f.t("objects.added"), Frame.utc(shown.dateAdded()));
    fact(h, f.t("objects.submitter"), shown.submitter());
    h.raw("<dt>").text(f.t("objects.tlp")).raw("</dt><dd>");
    Frame.badge(h, shown.level(), c.agreement().unmarkedAs(), f);
    h.raw("</dd></dl>");
    if (Attributions.CONTAINERS.contains(shown.type())) {
      h.raw("<p><a id=\"attribute\" href=\"").text(objectUrl(c, shown.objectId()) + "/attribution").raw("\">")
          .text(f.t("object.attribute")).raw("</a></p>");
    }
    h.raw("<h2>").text(f.t("object.json")).raw("</h2><pre class=\"json\" id=\"json\">")
        .text(StixText.pretty(shown.json())).raw("</pre><h2>").text(f.t("object.versions"))
        .raw("</h2><table class=\"list\" id=\"versions\"><thead><tr><th>").text(f.t("object.version"))
        .raw("</th><th>").text(f.t("objects.added")).raw("</th><th>").text(f.t("objects.submitter"))
        .raw("</th><th>").text(f.t("objects.tlp")).raw("</th></tr></thead><tbody>");
    for (StoredVersion v : versionsNewestFirst) {
      boolean current = v.dateAdded() == shown.dateAdded();
      h.raw(current ? "<tr class=\"current\">" : "<tr>").raw("<td><a href=\"")
          .text(objectUrl(c, v.objectId()) + "?added=" + v.dateAdded()).raw("\">").text(v.versionText())
          .raw("</a></td><td><time>").text(Frame.utc(v.dateAdded())).raw("</time></td><td>").text(v.submitter())
          .raw("</td><td>");
      Frame.badge(h, v.level(), c.agreement().unmarkedAs(), f);
      h.raw("</td></tr>");
    }
    return f.close(h.raw("</tbody></table>"));
  }

  /**
   * A report's or grouping's attribution: how much of its evidence and of the collection's intel the party could
   * see, then the analyst's text report (ICD 203 language, the matrix, what drives and what would overturn the
   * conclusion) in the console's language. All of it is untrusted text, escaped.
   */
  static String attribution(Frame f, CollectionInfo c, Member m, StoredVersion container, Attributions.Outcome o) {
    String label = StixText.label(container.json()).orElse(container.objectId());
    Html h = f.open(f.t("attribution.title", label));
    crumbs(h, c, container, label);
    h.raw("<h1 id=\"attribution-title\">").text(f.t("attribution.title", label)).raw("</h1><p class=\"meta\" ")
        .raw("id=\"attribution-basis\">").text(f.t("attribution.basis", o.visible(), o.referenced(), o.intel()))
        .raw(" ");
    Frame.badge(h, Optional.of(m.ceiling()), m.ceiling(), f);
    String report = org.parley.attribution.Reports.text(o.assessment(),
        org.parley.attribution.Lang.parse(f.lang().tag()));
    String self = objectUrl(c, container.objectId()) + "/attribution?format=";
    h.raw("</p><p class=\"meta\" id=\"attribution-downloads\">").text(f.t("attribution.download")).raw(" <a href=\"")
        .text(self + "json").raw("\" id=\"download-json\">JSON</a> · <a href=\"").text(self + "html")
        .raw("\" id=\"download-html\">HTML</a> · <a href=\"").text(self + "stix")
        .raw("\" id=\"download-stix\">STIX</a>");
    return f.close(h.raw("</p><pre class=\"json\" id=\"attribution-report\">").text(report).raw("</pre>"));
  }

  /** Why there is no attribution to show (not a container, no knowledge base imported, unreadable data). */
  static String attributionUnavailable(Frame f, CollectionInfo c, StoredVersion container, String why) {
    String label = StixText.label(container.json()).orElse(container.objectId());
    Html h = f.open(f.t("attribution.title", label));
    crumbs(h, c, container, label);
    return f.close(h.raw("<h1 id=\"attribution-title\">").text(f.t("attribution.title", label))
        .raw("</h1><p class=\"empty\" id=\"attribution-unavailable\">").text(why).raw("</p>"));
  }

  private static void crumbs(Html h, CollectionInfo c, StoredVersion container, String label) {
    h.raw("<p class=\"crumbs\"><a href=\"/console/collections/").text(Frame.segment(c.id())).raw("\">")
        .text(c.title()).raw("</a> › <a href=\"").text(objectUrl(c, container.objectId())).raw("\">").text(label)
        .raw("</a></p>");
  }

  static String objectUrl(CollectionInfo c, String objectId) {
    return "/console/collections/" + Frame.segment(c.id()) + "/objects/" + Frame.segment(objectId);
  }

  private static void fact(Html h, String name, String value) {
    h.raw("<dt>").text(name).raw("</dt><dd><code>").text(value).raw("</code></dd>");
  }
}
