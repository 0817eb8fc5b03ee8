package io.inscope.modules.data;

import java.util.List;

/**
 * Labels read as text from a table ({@code csv}, {@code image_csv}): when every one is a number
 * they are numeric (a class id or a regression target); otherwise each is a class name and class
 * ids follow the names' sorted order. The texts stay known either way, so that {@link DataLoader}
 * can renumber another split by the training split's class names.
 */
final class Labels {
  private Labels() {}

  /**
   * @param features the examples' features, owned by the result
   * @param kind the source kind, for errors
   * @throws DataException for a label that cannot be a class name, naming its origin
   */
  static Examples examples(float[] features, long[] shape, List<String> labels, Origins origins, String kind)
      throws DataException {
    String[] texts = labels.toArray(String[]::new);
    float[] numeric = numeric(labels);
    if (numeric != null) {
      // the texts stay known: when the training split names classes, "1" and "2" are names too
      return new Examples(features, shape, numeric, new long[0], List.of(), -1, origins, i -> texts[i]);
    }
    for (int i = 0; i < texts.length; i++) {
      String problem = ClassNames.problem(texts[i]);
      if (problem != null) {
        throw new DataException(kind, origins.of(i) + ": " + problem);
      }
    }
    ClassNames classes = ClassNames.sorted(labels);
    float[] classIds = new float[texts.length];
    for (int i = 0; i < classIds.length; i++) {
      classIds[i] = classes.id(texts[i]);
    }
    return new Examples(features, shape, classIds, new long[0], classes.names(), classes.size(), origins, i -> texts[i]);
  }

  private static float[] numeric(List<String> labels) {
    float[] values = new float[labels.size()];
    for (int i = 0; i < values.length; i++) {
      Double number = CsvSource.number(labels.get(i));
      if (number == null) {
        return null;
      }
      values[i] = number.floatValue();
    }
    return values;
  }
}
