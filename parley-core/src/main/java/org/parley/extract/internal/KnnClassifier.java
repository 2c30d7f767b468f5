package org.parley.extract.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * k-nearest-neighbour sentence classifier over TF-IDF vectors (cosine similarity) with an inverted index.
 * Training sentences are the ATT&CK procedure examples and technique names/descriptions; a query's score for a
 * technique is the similarity-weighted vote of its {@code k} nearest training sentences.
 */
public final class KnnClassifier {
  private final Map<String, Integer> vocab;
  private final float[] idf;
  private final int[][] postDocs;
  private final float[][] postWeights;
  private final int[] docLabel;
  private final String[] labels;
  private final int k;

  private KnnClassifier(Map<String, Integer> vocab, float[] idf, int[][] postDocs, float[][] postWeights,
      int[] docLabel, String[] labels, int k) {
    this.vocab = vocab;
    this.idf = idf;
    this.postDocs = postDocs;
    this.postWeights = postWeights;
    this.docLabel = docLabel;
    this.labels = labels;
    this.k = k;
  }

  /** Trains on parallel lists of sentences and labels. */
  public static KnnClassifier train(List<String> texts, List<String> docLabels, int k) {
    int n = texts.size();
    Map<String, Integer> vocab = new HashMap<>();
    Map<String, Integer> labelIndex = new HashMap<>();
    List<String> labelList = new ArrayList<>();
    List<Map<String, Integer>> feats = new ArrayList<>(n);
    List<Integer> df = new ArrayList<>();
    int[] docLabel = new int[n];
    for (int d = 0; d < n; d++) {
      Map<String, Integer> f = TextFeatures.features(texts.get(d));
      feats.add(f);
      for (String key : f.keySet()) {
        Integer id = vocab.get(key);
        if (id == null) {
          id = vocab.size();
          vocab.put(key, id);
          df.add(0);
        }
        df.set(id, df.get(id) + 1);
      }
      String label = docLabels.get(d);
      docLabel[d] = labelIndex.computeIfAbsent(label, l -> {
        labelList.add(l);
        return labelList.size() - 1;
      });
    }
    float[] idf = new float[vocab.size()];
    for (int i = 0; i < idf.length; i++) {
      idf[i] = (float) (Math.log((n + 1.0) / (df.get(i) + 1.0)) + 1.0);
    }
    int[] counts = new int[vocab.size()];
    int[][] docsF = new int[n][];
    float[][] docsW = new float[n][];
    for (int d = 0; d < n; d++) {
      Map<String, Integer> f = feats.get(d);
      int[] ids = new int[f.size()];
      float[] w = new float[f.size()];
      int j = 0;
      double norm = 0;
      for (Map.Entry<String, Integer> e : f.entrySet()) {
        int id = vocab.get(e.getKey());
        ids[j] = id;
        w[j] = (float) ((1 + Math.log(e.getValue())) * idf[id]);
        norm += w[j] * w[j];
        j++;
      }
      norm = Math.sqrt(norm);
      for (int m = 0; m < j; m++) {
        w[m] /= (float) Math.max(norm, 1e-9);
        counts[ids[m]]++;
      }
      docsF[d] = ids;
      docsW[d] = w;
    }
    int[][] postDocs = new int[vocab.size()][];
    float[][] postWeights = new float[vocab.size()][];
    for (int i = 0; i < counts.length; i++) {
      postDocs[i] = new int[counts[i]];
      postWeights[i] = new float[counts[i]];
    }
    int[] fill = new int[vocab.size()];
    for (int d = 0; d < n; d++) {
      for (int m = 0; m < docsF[d].length; m++) {
        int id = docsF[d][m];
        postDocs[id][fill[id]] = d;
        postWeights[id][fill[id]] = docsW[d][m];
        fill[id]++;
      }
    }
    return new KnnClassifier(vocab, idf, postDocs, postWeights, docLabel, labelList.toArray(new String[0]), k);
  }

  /** Technique label to score in [0, 1] for one sentence; empty if nothing is similar. */
  public Map<String, Double> scores(String sentence) {
    Map<String, Integer> f = TextFeatures.features(sentence);
    int[] ids = new int[f.size()];
    float[] w = new float[f.size()];
    int j = 0;
    double norm = 0;
    for (Map.Entry<String, Integer> e : f.entrySet()) {
      Integer id = vocab.get(e.getKey());
      double weight = (1 + Math.log(e.getValue())) * (id == null ? Math.log(docLabel.length + 1.0) + 1 : idf[id]);
      norm += weight * weight; // unknown features still count against similarity
      if (id != null) {
        ids[j] = id;
        w[j] = (float) weight;
        j++;
      }
    }
    if (j == 0) {
      return Map.of();
    }
    norm = Math.sqrt(norm);
    float[] acc = new float[docLabel.length];
    int[] touched = new int[64];
    int nTouched = 0;
    for (int m = 0; m < j; m++) {
      int[] docs = postDocs[ids[m]];
      float[] pw = postWeights[ids[m]];
      float qw = (float) (w[m] / norm);
      for (int p = 0; p < docs.length; p++) {
        int d = docs[p];
        if (acc[d] == 0f) {
          if (nTouched == touched.length) {
            touched = Arrays.copyOf(touched, nTouched * 2);
          }
          touched[nTouched++] = d;
        }
        acc[d] += qw * pw[p];
      }
    }
    int[] top = topK(acc, touched, nTouched);
    if (top.length == 0) {
      return Map.of();
    }
    Map<String, Double> out = new HashMap<>();
    double total = 0;
    for (int d : top) {
      total += acc[d];
    }
    if (total <= 0) {
      return Map.of();
    }
    double best = acc[top[0]];
    for (int d : top) {
      out.merge(labels[docLabel[d]], acc[d] / total, Double::sum);
    }
    // vote share scaled by how close the nearest neighbour is: a lone weak match stays weak
    out.replaceAll((label, share) -> Math.min(1.0, share * Math.sqrt(best)));
    return out;
  }

  /** The k best documents, best first, by insertion into a bounded sorted array: O(n·k), k small. */
  private int[] topK(float[] acc, int[] touched, int nTouched) {
    int[] best = new int[k];
    float[] sims = new float[k];
    int size = 0;
    for (int t = 0; t < nTouched; t++) {
      int doc = touched[t];
      float sim = acc[doc];
      if (size == k && sim <= sims[k - 1]) {
        continue;
      }
      int pos = size < k ? size++ : k - 1;
      while (pos > 0 && sims[pos - 1] < sim) {
        sims[pos] = sims[pos - 1];
        best[pos] = best[pos - 1];
        pos--;
      }
      sims[pos] = sim;
      best[pos] = doc;
    }
    return Arrays.copyOf(best, size);
  }
}
