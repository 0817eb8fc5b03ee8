package io.inscope.configs.layers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.SpecException;
import java.util.List;

/**
 * Reorders the axes of each example, as Keras' {@code Permute}: {@code dims} is a permutation of
 * {@code 1..rank} (1 is an example's first axis; the batch stays first).
 *
 * <pre>
 * - permute: {dims: [2, 1]}     # [steps, features] becomes [features, steps]
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>dims</td><td>(required)</td><td>the new order of the axes, counted from 1</td></tr>
 * </table>
 */
@Doc("Reorders the axes of each example (Keras' Permute); dims counts from 1")
@Kind("permute")
public record PermuteSpec(@Doc("the new order of the axes, a permutation of 1..rank") List<Integer> dims) implements LayerSpec {
  public PermuteSpec {
    dims = List.copyOf(dims);
    for (int i = 1; i <= dims.size(); i++) {
      if (!dims.contains(i)) {
        throw new SpecException("dims", "must be a permutation of 1.." + dims.size() + " (got " + dims + ")");
      }
    }
  }
}
