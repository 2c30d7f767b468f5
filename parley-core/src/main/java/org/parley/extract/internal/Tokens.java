package org.parley.extract.internal;

import java.util.Locale;
import java.util.Set;

/** Character classes and small word lists shared by the indicator scanner. */
final class Tokens {
  private Tokens() {}

  private static final boolean[] TOKEN = new boolean[128];
  private static final boolean[] URL_EXTRA = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      TOKEN[c] = true;
      TOKEN[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      TOKEN[c] = true;
    }
    for (char c : ".-_:/@?=&%#+~\\$".toCharArray()) {
      TOKEN[c] = true;
    }
    for (char c : "()',;!*[]".toCharArray()) {
      URL_EXTRA[c] = true;
    }
  }

  static boolean isToken(char c) {
    return c < 128 && TOKEN[c];
  }

  static boolean isUrlChar(char c) {
    return c < 128 && (TOKEN[c] || URL_EXTRA[c]);
  }

  static boolean isLeadingJunk(char c) {
    return ".:;-@?=&#+!_".indexOf(c) >= 0;
  }

  static boolean isTrailingJunk(char c) {
    return ".,:;!?-=&#@~_".indexOf(c) >= 0;
  }

  /** File extensions that make {@code name.ext} a file name even when {@code ext} is also a TLD. */
  static final Set<String> FILE_EXTENSIONS = Set.of(
      "exe", "dll", "sys", "bat", "cmd", "ps1", "psm1", "psd1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta",
      "lnk", "scr", "pif", "cpl", "ocx", "msi", "msp", "jar", "class", "py", "pyc", "sh", "bash", "pl",
      "rb", "php", "jsp", "jspx", "asp", "aspx", "ashx", "asmx", "cgi", "doc", "docx", "docm", "dot", "dotm",
      "xls", "xlsx", "xlsm", "xlsb", "xll", "xlam", "ppt", "pptx", "pptm", "rtf", "pdf", "odt", "chm",
      "zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "tar", "cab", "iso", "img", "vhd", "vhdx", "apk", "ipa",
      "dmg", "pkg", "deb", "rpm", "elf", "bin", "so", "dylib", "ko", "dat", "tmp", "log", "txt", "ini", "cfg",
      "conf", "config", "inf", "reg", "db", "sqlite", "dit", "hive", "evtx", "etl", "pf", "json", "xml", "yml",
      "yaml", "csv", "html", "htm", "svg", "png", "jpg", "jpeg", "gif", "bmp", "ico", "dmp", "mdmp", "key",
      "pem", "crt", "cer", "pfx", "p12", "ovpn", "kdbx", "md", "rs", "c", "cpp", "h", "cs", "vb", "lua",
      "au3", "a3x", "ahk", "wav", "mp3", "mp4", "mov", "avi", "lock", "locked", "enc", "crypt", "encrypted",
      "sct", "xsl", "drv", "efi", "pyd", "mui", "tlb", "manifest", "gadget", "library-ms", "search-ms",
      "plist", "war", "ear", "aar", "nupkg", "whl", "egg", "bak", "old", "swp");

  /** True if {@code name.ext} is read as a file name rather than a domain (unless written defanged). */
  static boolean isFileExtension(String ext) {
    return FILE_EXTENSIONS.contains(ext.toLowerCase(Locale.ROOT));
  }

  /** Product names that look like file names. */
  static final Set<String> NOT_FILES = Set.of("node.js", "vue.js", "react.js", "next.js", "nuxt.js", "three.js",
      "d3.js", "express.js", "angular.js", "asp.net", "ado.net", "vb.net", "socket.io", "chart.js", "ember.js");

  static final Set<String> VERSION_WORDS = Set.of("version", "versions", "ver", "v", "build", "release", "firmware",
      "patch", "update", "updated", "upgrade", "upgraded", "kb", "tag", "版本", "版", "chrome", "firefox", "windows",
      "android", "ios", "python", "java", "os", "fortios", "kernel", "linux", "openssl", "apache", "nginx", "agent",
      "sensor", "client", "driver",
      // numbered parts of a document and identifiers in dotted notation: "Figure 3.1.2.4", "OID 2.5.29.17"
      "section", "sections", "figure", "fig", "table", "chapter", "appendix", "step", "oid", "图", "表", "章节", "步骤");

  /** "version 1.2.3.4", "v1.2.3.4", "build 10.0.1.2": a dotted quad after a version word is not an address. */
  static boolean followsVersionWord(String t, int vs) {
    int k = vs - 1;
    if (k >= 0 && (t.charAt(k) == 'v' || t.charAt(k) == 'V')) {
      return true;
    }
    for (int word = 0; word < 2; word++) {
      int gap = k;
      while (k >= 0 && gap - k < 3 && (t.charAt(k) == ' ' || t.charAt(k) == ':')) {
        k--;
      }
      if (k == gap && word > 0) {
        return false; // the previous word must be separated by a space, not glued by '.' or '/'
      }
      int we = k + 1;
      while (k >= 0 && we - k <= 12 && Character.isLetter(t.charAt(k))) {
        k--;
      }
      String w = t.substring(k + 1, we).toLowerCase(Locale.ROOT);
      boolean cjk = w.chars().anyMatch(c -> c >= 0x2E80);
      if (w.isEmpty() || (!cjk && k >= 0 && "./\\_@".indexOf(t.charAt(k)) >= 0)) {
        return false; // "a.php 1.2.3.4": "php" is part of a file name, not a word ("公告。版本": a sentence's end)
      }
      if (VERSION_WORDS.contains(w) || cjk && (w.contains("版本") || w.endsWith("版"))) {
        return true; // "PAN-OS 10.2.3.4", "固件版本为 2.1.0.3"
      }
    }
    return false;
  }
}
