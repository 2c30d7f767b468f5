package org.parley.attribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Sanity check only — it leaks by design and is never used to tune: an incident made of a fraction of a group's
 * own known techniques (and software unless a third argument is given) should point to that group.
 * {@code java -cp ... org.parley.attribution.KnownProfileCheck KB FRACTION [tech]}; env P overrides the parameters.
 */
public final class KnownProfileCheck {
  public static void main(String[] args) throws Exception {
    KnowledgeBase kb = KnowledgeBase.load(Path.of(args[0]));
    double frac = Double.parseDouble(args[1]);
    boolean techOnly = args.length > 2;
    Profiles p = new Profiles(kb);
    ModelParams mp = ModelParams.DEFAULT;
    if (System.getenv("P") != null) {
      double[] v = Arrays.stream(System.getenv("P").split(",")).mapToDouble(Double::parseDouble).toArray();
      mp = new ModelParams(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
      if (v.length > 11) {
        mp = mp.withOverlap(v[11]);
      }
      mp = mp.withTools(v.length > 12 ? v[12] : ModelParams.DEFAULT.toolProfileWeight());
    }
    AttributionEngine eng = AttributionEngine.create(kb, mp);
    Evaluation.Method tf = Evaluation.tfidf(kb);
    Random r = new Random(1);
    int n = 0, top1 = 0, top3 = 0, tf1 = 0, unk = 0;
    for (int g = 0; g < p.size(); g++) {
      List<String> items = new ArrayList<>(p.techniques.get(g));
      if (!techOnly) items.addAll(p.software.get(g));
      Collections.sort(items);
      if (items.size() < 8) continue;
      Collections.shuffle(items, r);
      List<Evidence> ev = new ArrayList<>();
      for (String it : items.subList(0, Math.max(3, (int) (items.size() * frac)))) {
        ev.add(new Evidence(it, kb.technique(it).isPresent() ? Evidence.Kind.TECHNIQUE : Evidence.Kind.SOFTWARE, it, List.of(it), 0.9));
      }
      Incident inc = new Incident("x", "x", ev, List.of());
      List<Hypothesis> rank = eng.rankActors(inc);
      String truth = p.groups.get(g).externalId();
      n++;
      if (rank.get(0).actorId().equals(truth)) top1++;
      if (rank.get(0).actorId().equals("UNKNOWN")) unk++;
      for (int i = 0; i < 3; i++) if (rank.get(i).actorId().equals(truth)) top3++;
      if (tf.rank(inc).get(0).actorId().equals(truth)) tf1++;
    }
    System.out.printf("n %d top1 %.3f top3 %.3f unknownCalled %d tfidf top1 %.3f%n", n, top1 / (double) n, top3 / (double) n, unk, tf1 / (double) n);
  }
}
