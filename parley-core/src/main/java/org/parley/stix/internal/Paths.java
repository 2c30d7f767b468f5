package org.parley.stix.internal;

/** JSONPath construction: {@code $.name} for plain names, {@code $['odd name']} otherwise. */
public final class Paths {
  private Paths() {}

  public static String member(String parent, String name) {
    if (isPlain(name)) {
      return parent + "." + name;
    }
    StringBuilder b = new StringBuilder(parent.length() + name.length() + 4).append(parent).append("['");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\'' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append("']").toString();
  }

  public static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  private static boolean isPlain(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
