package org.parley.extract.internal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.parley.extract.ExtractException;

/**
 * Visible text of an HTML report, with a line break at each block element so sentences do not run together. Soft
 * hyphens ({@code &shy;}) and zero-width break opportunities are not visible text and are left out, so that a
 * hyphenated name ("Mimi&amp;shy;katz") or an indicator with break points reads whole ({@link Refanger#invisible}).
 */
public final class HtmlText {
  private HtmlText() {}

  private static final java.util.Set<String> BLOCKS = java.util.Set.of("p", "div", "br", "li", "ul", "ol", "tr",
      "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "section", "article",
      "header", "footer", "dd", "dt", "hr", "title", "code");

  public static String extract(String html, int maxChars) throws ExtractException {
    Document doc = Jsoup.parse(html); // jsoup's tree builder is iterative and caps nesting depth
    doc.select("script, style, noscript, template").remove();
    StringBuilder sb = new StringBuilder(Math.min(html.length(), maxChars));
    int[] overflow = {0};
    // iterative traversal: deep nesting cannot overflow the stack
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (sb.length() > maxChars) {
          overflow[0] = 1;
          return;
        }
        if (node instanceof TextNode tn) {
          String s = tn.getWholeText();
          Element p = tn.parent();
          if (p != null && p.normalName().equals("pre")) {
            sb.append(s);
          } else {
            appendCollapsed(sb, s);
          }
        } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
          newline(sb);
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
          newline(sb);
        }
      }
    }, doc.body() == null ? doc : doc.body());
    if (overflow[0] != 0) {
      throw new ExtractException("text too long: HTML yields more than " + maxChars + " characters");
    }
    return sb.toString().strip();
  }

  private static void newline(StringBuilder sb) {
    if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
      sb.append('\n');
    }
  }

  private static void appendCollapsed(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ' && sb.charAt(sb.length() - 1) != '\n') {
          sb.append(' ');
        }
      } else if (!Refanger.invisible(c)) {
        sb.append(c);
      }
    }
  }
}
