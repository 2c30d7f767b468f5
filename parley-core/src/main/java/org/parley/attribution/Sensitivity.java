package org.parley.attribution;

import java.util.List;

/**
 * How the conclusion depends on the evidence: the posterior without each item; the smallest set of items whose
 * removal — or their being shown to be planted, which takes away their weight the same way — changes the leading
 * actor, and who would lead then ({@code exact} is false when the set was found greedily and may not be
 * minimal); and items not observed that would most support the runner-up.
 */
public record Sensitivity(List<ItemInfluence> withoutEach, List<Evidence> overturnSet, String leaderAfterOverturn,
    boolean exact, List<String> wouldSupportRunnerUp) {
  public Sensitivity {
    withoutEach = List.copyOf(withoutEach);
    overturnSet = List.copyOf(overturnSet);
    wouldSupportRunnerUp = List.copyOf(wouldSupportRunnerUp);
  }
}
