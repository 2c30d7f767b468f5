package org.parley.node.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * What every page of one request is rendered with: the language, the session (if logged in), the path the
 * language switcher returns to, and whether the node has a log page to link to. Also the page chrome: head, header, navigation, switcher and footer.
 */
record Frame(Messages messages, Language lang, Optional<Sessions.Session> session, String here,
    boolean logPage) {
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(ZoneOffset.UTC);

  Frame {
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(here, "here");
  }

  /** The text of {@code key} in this page's language, unescaped. */
  String t(String key, Object... args) {
    return messages.get(lang, key, args);
  }

  /** A date_added (µs since the epoch) in UTC, ISO 8601 with microseconds: how TAXII 2.1 §3.4.1 spells it. */
  static String utc(long micros) {
    return UTC.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000L));
  }

  /** One URL path segment, percent-encoded (RFC 3986 §3.3); the caller still HTML-escapes the whole URL. */
  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Opens the page: head, header with navigation and switcher, then {@code <main>}. */
  Html open(String title) {
    Html h = new Html();
    h.raw("<!DOCTYPE html>\n<html lang=\"").text(lang.tag()).raw("\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .raw("<title>").text(title).raw(" · Parley</title>")
        .raw("<link rel=\"stylesheet\" href=\"/console/static/console.css\"></head><body>")
        .raw("<header><a class=\"brand\" href=\"/console/\">Parley</a>");
    if (session.isPresent()) {
      h.raw("<nav><a href=\"/console/collections\">").text(t("nav.collections")).raw("</a>");
      if (logPage) {
        h.raw("<a href=\"/console/log\">").text(t("nav.log")).raw("</a>");
      }
      h.raw("</nav>");
    }
    h.raw("<div class=\"side\"><ul class=\"langs\" aria-label=\"").text(t("lang.switch")).raw("\">");
    for (Language l : Language.values()) {
      h.raw("<li><a hreflang=\"").text(l.tag()).raw("\" lang=\"").text(l.tag()).raw("\"");
      if (l == lang) {
        h.raw(" aria-current=\"true\" class=\"current\"");
      }
      h.raw(" href=\"/console/lang/").text(segment(l.tag())).raw("?next=").text(segment(here)).raw("\">")
          .text(l.nativeName()).raw("</a></li>");
    }
    h.raw("</ul>");
    session.ifPresent(s -> h.raw("<span class=\"who\">").text(t("header.party", s.party())).raw("</span>")
        .raw("<form method=\"post\" action=\"/console/logout\" class=\"logout\">")
        .raw("<input type=\"hidden\" name=\"csrf\" value=\"").text(s.csrf()).raw("\">")
        .raw("<button type=\"submit\" id=\"logout\">").text(t("nav.logout")).raw("</button></form>"));
    return h.raw("</div></header><main>");
  }

  /** Closes what {@link #open} opened. */
  String close(Html h) {
    return h.raw("</main><footer>").text(t("footer.times")).raw("</footer></body></html>").toString();
  }

  /** A TLP 2.0 badge; unmarked objects show the level the collection handles them under. */
  static void badge(Html h, Optional<org.parley.marking.Tlp> level, org.parley.marking.Tlp unmarkedAs,
      Frame f) {
    if (level.isPresent()) {
      org.parley.marking.Tlp l = level.get();
      h.raw("<span class=\"tlp tlp-").text(l.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
          .raw("\">").text(l.label()).raw("</span>");
    } else {
      h.raw("<span class=\"tlp tlp-none\" title=\"").text(f.t("tlp.unmarked.title", unmarkedAs.label()))
          .raw("\">").text(f.t("tlp.unmarked")).raw("</span>");
    }
  }
}
