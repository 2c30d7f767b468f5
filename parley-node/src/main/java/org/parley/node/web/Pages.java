package org.parley.node.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.parley.marking.Member;
import org.parley.node.store.CollectionInfo;

/** The pages outside a collection: login, the collection list and errors. Every untrusted string is escaped. */
final class Pages {
  private Pages() {}

  static String login(Frame f, String csrf, Optional<String> party, boolean failed) {
    Html h = f.open(f.t("login.title"));
    h.raw("<section class=\"login\"><h1>").text(f.t("login.title")).raw("</h1>");
    if (failed) {
      h.raw("<p class=\"error\" role=\"alert\" id=\"login-error\">").text(f.t("login.failed")).raw("</p>");
    }
    h.raw("<form method=\"post\" action=\"/console/login\" autocomplete=\"off\">")
        .raw("<input type=\"hidden\" name=\"csrf\" value=\"").text(csrf).raw("\">")
        .raw("<label for=\"party\">").text(f.t("login.party")).raw("</label>")
        .raw("<input id=\"party\" name=\"party\" required maxlength=\"200\" autocomplete=\"username\" value=\"")
        .text(party.orElse("")).raw("\">")
        .raw("<label for=\"token\">").text(f.t("login.token")).raw("</label>")
        .raw("<input id=\"token\" name=\"token\" type=\"password\" required maxlength=\"200\"")
        .raw(" autocomplete=\"current-password\">")
        .raw("<button type=\"submit\" id=\"login\">").text(f.t("login.submit")).raw("</button></form>")
        .raw("<p class=\"hint\">").text(f.t("login.hint")).raw("</p></section>");
    return f.close(h);
  }

  /** The collections {@code party} may read, with its roles and TLP ceiling in each. */
  static String collections(Frame f, String party, List<CollectionInfo> readable) {
    Html h = f.open(f.t("collections.title"));
    h.raw("<h1>").text(f.t("collections.title")).raw("</h1>");
    if (readable.isEmpty()) {
      return f.close(h.raw("<p class=\"empty\" id=\"no-collections\">").text(f.t("collections.none"))
          .raw("</p>"));
    }
    h.raw("<table class=\"list\" id=\"collections\"><thead><tr><th>").text(f.t("collections.name"))
        .raw("</th><th>").text(f.t("collections.description")).raw("</th><th>").text(f.t("collections.roles"))
        .raw("</th><th>").text(f.t("collections.ceiling")).raw("</th><th>").text(f.t("collections.unmarked"))
        .raw("</th></tr></thead><tbody>");
    for (CollectionInfo c : readable) {
      Member m = c.agreement().member(party).orElseThrow();
      h.raw("<tr><td class=\"title\"><a href=\"/console/collections/").text(Frame.segment(c.id())).raw("\">")
          .text(c.title())
          .raw("</a><div class=\"id\">").text(c.id()).raw("</div></td><td class=\"name\">")
          .text(c.description().orElse(""))
          .raw("</td><td>").text(roles(f, m)).raw("</td><td>");
      Frame.badge(h, Optional.of(m.ceiling()), m.ceiling(), f);
      h.raw("</td><td>");
      Frame.badge(h, Optional.of(c.agreement().unmarkedAs()), c.agreement().unmarkedAs(), f);
      h.raw("</td></tr>");
    }
    return f.close(h.raw("</tbody></table>"));
  }

  static String roles(Frame f, Member m) {
    return m.roles().stream().sorted().map(r -> f.t("role." + r.name().toLowerCase(Locale.ROOT)))
        .collect(Collectors.joining(f.t("list.separator")));
  }

  /** An error page; {@code key} names its message. Not-found and not-permitted look the same on purpose. */
  static String error(Frame f, int status, String key) {
    Html h = f.open(f.t(key));
    h.raw("<section class=\"problem\"><h1>").text(f.t(key)).raw("</h1><p class=\"status\">HTTP ")
        .text(Integer.toString(status)).raw("</p><p><a href=\"/console/\">").text(f.t("error.home"))
        .raw("</a></p></section>");
    return f.close(h);
  }
}
