package io.inscope.modules.data;

import static io.inscope.modules.data.IdxSourceTest.input;
import static io.inscope.modules.data.IdxSourceTest.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.inscope.configs.DType;
import io.inscope.configs.data.ColorMode;
import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.DataSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.ImageCsvSpec;
import io.inscope.configs.data.ImageFolderSpec;
import io.inscope.configs.data.SyntheticSpec;
import io.inscope.configs.data.TfrecordSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLoaderTest {
  @TempDir Path dir;
  private final DataLoader loader = Guice.createInjector(new DataModule()).getInstance(DataLoader.class);

  @Test
  void evalSplitLackingAClassGetsTheTrainingSplitsIds() throws Exception {
    DataSpec data = csv("x,y\n1,ant\n2,moth\n3,zebra\n4,ant\n", "x,y\n5,zebra\n6,moth\n7,zebra\n");
    DataLoader.Splits splits = loader.loadSplits(data, input(1), 0, Optional.empty());
    assertEquals(Optional.of(ClassNames.of(List.of("ant", "moth", "zebra"))), splits.classes());
    assertArrayEquals(new float[] {0, 1, 2, 0}, labels(splits.train()));
    // numbered on its own, this file would give moth 0 and zebra 1
    assertArrayEquals(new float[] {2, 1, 2}, labels(splits.eval()));
    assertEquals(List.of("ant", "moth", "zebra"), splits.eval().classNames());
  }

  @Test
  void unknownEvalLabelNamesFileRowAndTheNearestClass() throws Exception {
    DataSpec data = csv("x,y\n1,setosa\n2,versicolor\n3,virginica\n", "x,y\n5,setosa\n\n6,virginca\n");
    DataException e = assertThrows(DataException.class, () -> loader.loadSplits(data, input(1), 0, Optional.empty()));
    assertEquals("data.eval.csv: " + dir.resolve("eval.csv") + ":4: column 'y': unknown label 'virginca': not a class of "
        + "the training split (setosa, versicolor, virginica); did you mean 'virginica'?; fix the label, or add examples "
        + "of it to data.train", e.getMessage());
  }

  @Test
  void savedClassNamesWinOverTheTrainingSplitsOwn() throws Exception {
    DataSpec data = csv("x,y\n1,moth\n2,zebra\n", "x,y\n5,zebra\n6,ant\n");
    ClassNames saved = ClassNames.of(List.of("ant", "moth", "zebra"));
    DataLoader.Splits splits = loader.loadSplits(data, input(1), 0, Optional.of(saved));
    assertEquals(Optional.of(saved), splits.classes());
    assertArrayEquals(new float[] {1, 2}, labels(splits.train()));
    assertArrayEquals(new float[] {2, 0}, labels(splits.eval()));

    DataException e = assertThrows(DataException.class,
        () -> loader.loadSplits(data, input(1), 0, Optional.of(ClassNames.of(List.of("ant", "moth")))));
    assertEquals("data.train.csv: " + dir.resolve("train.csv") + ":3: column 'y': unknown label 'zebra': not a class of "
        + "the run's classes.txt (the training split's classes when the run began) (ant, moth); start the run over with "
        + "--fresh to take the classes from data.train again", e.getMessage());
  }

  @Test
  void numericTextIsAClassNameWhenTheTrainingSplitNamesClasses() throws Exception {
    // training names "10", "2" and "x": sorted "10" < "2" < "x"; the all-numeric eval file is read by name
    DataSpec data = csv("x,y\n1,2\n2,10\n3,x\n", "x,y\n5,2\n6,10\n");
    DataLoader.Splits splits = loader.loadSplits(data, input(1), 0, Optional.empty());
    assertArrayEquals(new float[] {1, 0}, labels(splits.eval()));
  }

  @Test
  void classNamesInEvalButNumbersInTrainingAreAnError() throws Exception {
    DataSpec data = csv("x,y\n1,0\n2,1\n", "x,y\n5,0\n6,cat\n");
    DataException e = assertThrows(DataException.class, () -> loader.loadSplits(data, input(1), 0, Optional.empty()));
    assertEquals("data.eval.csv: " + dir.resolve("eval.csv") + ":2: column 'y': the labels are class names (0, cat) but "
        + "data.train's labels are numbers; give both splits the same kind of labels", e.getMessage());
  }

  @Test
  void numericEvalSourceUnderNamedTrainingClassesIsAnError() throws Exception {
    Path train = write("train.csv", "a,b,c,y\n1,2,3,ant\n");
    DataSpec data = new DataSpec(new DataSplitSpec(new CsvSpec(train.toString(), "y", null), 1.0, 0, 1),
        new DataSplitSpec(new SyntheticSpec(4, 2), 1.0, 0, 1));
    DataException e = assertThrows(DataException.class, () -> loader.loadSplits(data, input(3), 0, Optional.empty()));
    assertEquals("data.eval.synthetic: example 0 (counting from 0): the labels are numbers but the training split names "
        + "classes (ant); give this split class names as labels too", e.getMessage());
  }

  /**
   * A streamed tfrecord training split (numeric labels) with an image_csv eval split of numeric
   * labels: with cache: false the eval split streams its images, the rows of cache: true; an
   * image_folder eval split (class names) is refused, as with cache: true.
   */
  @Test
  void aStreamedImageEvalSplitBesideAStreamedTfrecordTrainingSplit() throws Exception {
    Path train = DataFiles.tfrecord(dir.resolve("train.tfrecord"), DataFiles.example(new float[105], 1),
        DataFiles.example(new float[105], 0));
    Map<String, FeatureSpec> features = new LinkedHashMap<>();
    features.put("x", new FeatureSpec(List.of(5, 7, 3), DType.FLOAT32));
    features.put("label", new FeatureSpec(List.of(), DType.INT64));
    DataSplitSpec trainSplit = new DataSplitSpec(new TfrecordSpec(List.of(train.toString()), features,
        "label", null, 1), 1.0, null, 0, 2, false);
    Path images = ImageFolderSourceTest.REFERENCE.resolve("folder").toAbsolutePath();
    Path list = write("eval.csv", "image,y\n" + images.resolve("cat/b-rgb.png") + ",1\n" + images.resolve("dog/e-rgb.jpg") + ",0\n"
        + images.resolve("cat/a-gray.png") + ",1\n");
    ImageCsvSpec csv = new ImageCsvSpec(list.toString(), "image", "y",
        ColorMode.RGB, List.of(5, 7));
    EvalData streamed = loader.loadSplits(new DataSpec(trainSplit, new DataSplitSpec(csv, 0.5, null, 0, 2, false)), input(5, 7, 3), 0,
        Optional.empty()).evaluation();
    EvalData cached = loader.loadSplits(new DataSpec(trainSplit, new DataSplitSpec(csv, 0.5, null, 0, 2, true)), input(5, 7, 3), 0,
        Optional.empty()).evaluation();
    assertInstanceOf(ImageList.Eval.class, streamed);
    try (EvalData.Reader s = streamed.open(); EvalData.Reader c = cached.open()) {
      float[] sf = new float[3 * 105];
      float[] sl = new float[3];
      float[] cf = new float[3 * 105];
      float[] cl = new float[3];
      s.read(sf, sl, 3);
      c.read(cf, cl, 3);
      assertArrayEquals(cf, sf);
      assertArrayEquals(new float[] {1, 0, 1}, sl);
      assertArrayEquals(cl, sl);
    }
    DataSplitSpec folder = new DataSplitSpec(new ImageFolderSpec(images.toString(),
        ColorMode.RGB, List.of(5, 7)), 1.0, null, 0, 2, false);
    DataException e = assertThrows(DataException.class,
        () -> loader.loadSplits(new DataSpec(trainSplit, folder), input(5, 7, 3), 0, Optional.empty()));
    assertTrue(e.getMessage().contains("the labels are class names but data.train's labels are numbers"),
        e.getMessage());
  }

  private DataSpec csv(String train, String eval) throws IOException {
    return new DataSpec(
        new DataSplitSpec(new CsvSpec(write("train.csv", train).toString(), "y", null), 1.0, 0, 1),
        new DataSplitSpec(new CsvSpec(write("eval.csv", eval).toString(), "y", null), 1.0, 0, 1));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
