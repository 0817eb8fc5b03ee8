package io.inscope.configs.layers;

import io.inscope.configs.CommonKeys;
import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.OneOrList;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.SpecException;
import io.inscope.configs.regularizers.RegularizerSpec;
import java.util.List;

/**
 * One layer of the model graph: its kind, and the keys every kind accepts, written among the
 * kind's own arguments.
 *
 * <pre>
 * - conv2d: {filters: 16, kernel_size: 3, name: conv, inputs: input}
 * - add: {inputs: [conv, shortcut]}
 * - dense: {units: 10, trainable: false, kernel_regularizer: {l2: 0.0001}}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>the kind, then kind_1, kind_2, ...</td><td>unique; variables are {@code <name>.<weight>}</td></tr>
 *   <tr><td>inputs</td><td>the previous layer</td><td>a layer name or a list; {@code input} is the model input</td></tr>
 *   <tr><td>trainable</td><td>true</td><td>false freezes the weights: no gradient, no optimizer slots</td></tr>
 *   <tr><td>kernel_regularizer</td><td>none</td><td>penalty on the weight named {@code kernel}</td></tr>
 *   <tr><td>bias_regularizer</td><td>none</td><td>penalty on the weight named {@code bias}</td></tr>
 * </table>
 *
 * @param name null until the model fills in the default
 * @param inputs null until the model fills in the default (the previous layer)
 */
@CommonKeys
public record LayerNodeSpec(
    LayerSpec layer,
    @Doc("unique layer name; its variables are <name>.<weight>; default: the kind, then kind_1, kind_2, ...")
        @OptionalKey String name,
    @Doc("the layer's input: a layer name or a list of names ('input' is the model input, or a name of model.inputs); default: the previous layer")
        @OptionalKey @OneOrList List<String> inputs,
    @Doc("false freezes the layer's weights: no gradient, no optimizer slots; a frozen batch_normalization runs in inference mode") @Default("true") boolean trainable,
    @Doc("penalty on the layer's kernel added to the loss, a kind (l1, l2, l1_l2)") @OptionalKey
        RegularizerSpec kernelRegularizer,
    @Doc("penalty on the layer's bias added to the loss, a kind (l1, l2, l1_l2)") @OptionalKey
        RegularizerSpec biasRegularizer) {

  /** A name: letters, digits, '_' and '-', in segments joined by '/' (blocks name their layers {@code block/layer}). */
  public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9_-]*)*";

  public LayerNodeSpec {
    if (layer == null) {
      throw new IllegalArgumentException("a layer needs a kind");
    }
    if (name != null && !name.matches(NAME_PATTERN)) {
      throw new SpecException("name", "must be letters, digits, '_' and '-', starting with a letter or digit (got '" + name + "')");
    }
    if (name != null && name.equals(ModelInput.NAME)) {
      throw new SpecException("name", "'" + ModelInput.NAME + "' names the model input; choose another layer name");
    }
    inputs = inputs == null ? null : List.copyOf(inputs);
  }

  /** A layer with every common key at its default (name and inputs filled in by the model). */
  public static LayerNodeSpec of(LayerSpec layer) {
    return new LayerNodeSpec(layer, null, null, true, null, null);
  }

  /** The YAML name of the layer's kind ({@code dense}). */
  public String kind() {
    return layer.getClass().getAnnotation(Kind.class).value();
  }

  /** The same layer with this name and these inputs. */
  public LayerNodeSpec with(String newName, List<String> newInputs) {
    return new LayerNodeSpec(layer, newName, newInputs, trainable, kernelRegularizer, biasRegularizer);
  }
}
