package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.Kind;
import io.inscope.configs.data.DataSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.configs.data.TextSpec;
import io.inscope.configs.layers.ModelInput;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the splits of a job: for each, picks the {@link SourceFactory} bound to the source's kind,
 * loads the examples, applies {@code scale}, and puts the split's path in front of any error
 * ({@code data.train.csv: ...}); then gives every split the training split's class ids
 * ({@link #loadSplits}).
 */
public final class DataLoader {
  private final Map<String, SourceFactory> sources;
  private final PreprocessingCompiler preprocessing;

  @Inject
  public DataLoader(Map<String, SourceFactory> sources, PreprocessingCompiler preprocessing) {
    this.sources = Map.copyOf(sources);
    this.preprocessing = preprocessing;
  }

  /**
   * @param where the split's spec path, e.g. {@code data.train}
   * @param split the split spec
   * @param input {@code model.input}
   * @param seed the job seed
   */
  public Examples load(String where, DataSplitSpec split, InputSpec input, long seed) throws DataException {
    return load(where, split, Map.of(ModelInput.NAME, input), seed);
  }

  /**
   * As {@link #load(String, DataSplitSpec, InputSpec, long)} for a model's named inputs ({@link
   * io.inscope.configs.ModelSpec#namedInputs()}): each example's features are its inputs' values
   * in order ({@link SourceFactory#load(SourceSpec, Map, long)}).
   */
  public Examples load(String where, DataSplitSpec split, Map<String, InputSpec> inputs, long seed) throws DataException {
    String kind = kindOf(split.source().getClass());
    SourceFactory source = sources.get(kind);
    if (source == null) {
      throw new IllegalStateException("no SourceFactory bound for kind '" + kind + "' (bound: " + sources.keySet() + ")");
    }
    try {
      return source.load(split.source(), inputs, seed).scaled(split.scale());
    } catch (DataException e) {
      throw e.under(where);
    }
  }

  /**
   * An image split that streams ({@code cache: false}): its files and labels listed, not decoded,
   * scaled as {@link #load} scales; errors under {@code where}.
   */
  ImageList list(String where, DataSplitSpec split, Map<String, InputSpec> inputs) throws DataException {
    ImageSource source = (ImageSource) sources.get(kindOf(split.source().getClass()));
    try {
      if (inputs.size() != 1) {
        throw SourceFactory.oneInputOnly(split.source(), inputs);
      }
      return source.list(split.source(), inputs.values().iterator().next()).scaled(split.scale()).under(where);
    } catch (DataException e) {
      throw e.under(where);
    }
  }

  /** Whether a split streams its images ({@code cache: false} of a source that lists image files). */
  boolean streamsImages(DataSplitSpec split) {
    return split != null && !split.cache() && sources.get(kindOf(split.source().getClass())) instanceof ImageSource;
  }

  /**
   * The splits of a job, with class names: a source that names classes (string labels) numbers
   * them in its own sorted order; here every split is renumbered by the class names of the run,
   * which are {@code saved} (the run directory's {@value ClassNames#FILE}, on resume) or else the
   * training split's. A label of another split that is not one of them is an error naming its
   * file and row.
   *
   * @param saved the class names the run was started with, if it was
   */
  public Splits loadSplits(DataSpec data, InputSpec input, long seed, Optional<ClassNames> saved) throws DataException {
    return loadSplits(data, input, seed, saved, Optional.empty());
  }

  /**
   * As {@link #loadSplits(DataSpec, InputSpec, long, Optional)}; for {@code text} sources, every
   * split's token ids come from one {@link Vocabulary}: {@code savedVocabulary} (the run
   * directory's {@value Vocabulary#FILE}, on resume), or else the one learned from the training split.
   */
  public Splits loadSplits(DataSpec data, InputSpec input, long seed, Optional<ClassNames> saved,
      Optional<Vocabulary> savedVocabulary) throws DataException {
    return loadSplits(data, Map.of(ModelInput.NAME, input), seed, saved, savedVocabulary);
  }

  /** As {@link #loadSplits(DataSpec, InputSpec, long, Optional, Optional)} for a model's named inputs. */
  public Splits loadSplits(DataSpec data, Map<String, InputSpec> inputs, long seed, Optional<ClassNames> saved,
      Optional<Vocabulary> savedVocabulary) throws DataException {
    Examples train;
    Examples eval;
    Optional<Vocabulary> vocabulary = Optional.empty();
    preprocessing.checkBound(data.train(), "data.train");
    preprocessing.checkBound(data.eval(), "data.eval");
    boolean evalImages = streamsImages(data.eval());
    boolean evalStreams = data.eval() != null && !data.eval().cache() && !evalImages;
    // an image split that streams is listed, not decoded: its labels and class names (its index) take part below
    ImageList trainList = streamsImages(data.train()) ? list("data.train", data.train(), inputs) : null;
    ImageList evalList = evalImages ? list("data.eval", data.eval(), inputs) : null;
    // streamed (EvalStream): numeric labels (a tfrecord feature), its preprocessing applied to each batch as read
    EvalStream evalStream = evalStreams && !(data.train().source() instanceof TextSpec)
        ? EvalStream.open("data.eval", data.eval(), inputs, preprocessing) : null;
    if (!data.train().cache() && trainList == null) {
      // streamed (TfrecordStream): numeric labels, nothing to learn from the split before training
      eval = data.eval() == null || evalStreams ? null
          : evalList != null ? evalList.index() : load("data.eval", data.eval(), inputs, seed);
      if (eval != null && !eval.classNames().isEmpty()) {
        throw new DataException("data.eval." + kindOf(data.eval().source().getClass()), eval.origin(0)
            + ": the labels are class names but data.train's labels are numbers (a tfrecord feature)"
            + "; give both splits the same kind of labels");
      }
      if (evalList != null) {
        return new Splits(null, null, Optional.empty(), Optional.empty(), evalStream, null, evalImages(data, inputs, evalList, eval));
      }
      if (eval != null) {
        eval = preprocessing.inference(data.eval().steps(), io.inscope.configs.ModelSpec.featureRow(inputs)).applyTo(eval);
      }
      return new Splits(null, eval, Optional.empty(), Optional.empty(), evalStream);
    }
    if (data.train().source() instanceof TextSpec text) {
      if (inputs.size() != 1) {
        throw new DataException("data.train.text", "a text source gives one feature per example (token ids) but the model has "
            + inputs.size() + " inputs (" + String.join(", ", inputs.keySet()) + "); give the model one input");
      }
      InputSpec input = inputs.values().iterator().next();
      Vocabulary v;
      try {
        v = savedVocabulary.isPresent() ? savedVocabulary.get() : TextSource.learn(TextSource.read(text), text.maxTokens());
      } catch (DataException e) {
        throw e.under("data.train");
      }
      vocabulary = Optional.of(v);
      train = loadText("data.train", data.train(), v, input);
      if (data.eval() != null && !(data.eval().source() instanceof TextSpec)) {
        throw new DataException("data.eval", "the training split is text (token ids of its vocabulary) but data.eval is "
            + kindOf(data.eval().source().getClass()) + "; give data.eval a text source too");
      }
      eval = data.eval() == null ? null : loadText("data.eval", data.eval(), v, input);
    } else {
      train = trainList != null ? trainList.index() : load("data.train", data.train(), inputs, seed);
      eval = data.eval() == null || evalStreams ? null
          : evalList != null ? evalList.index() : load("data.eval", data.eval(), inputs, seed);
    }
    Optional<ClassNames> classes = saved.isPresent() ? saved
        : train.classNames().isEmpty() ? Optional.empty() : Optional.of(ClassNames.of(train.classNames()));
    if (classes.isPresent() && evalStream != null) {
      throw new DataException("data.eval.tfrecord", evalStream.paths().get(0) + ": the labels are numbers (a tfrecord feature)"
          + " but the training split's labels are class names (" + String.join(", ", classes.get().names().subList(0,
              Math.min(5, classes.get().size()))) + (classes.get().size() > 5 ? ", ..." : "")
          + "); give both splits the same kind of labels");
    }
    if (classes.isPresent()) {
      String from = saved.isPresent() ? "the run's " + ClassNames.FILE + " (the training split's classes when the run began)"
          : "the training split";
      String wayOut = saved.isPresent() ? "start the run over with --fresh to take the classes from data.train again"
          : "fix the label, or add examples of it to data.train";
      train = train.withClasses(classes.get(), "data.train." + kindOf(data.train().source().getClass()), from, wayOut);
      if (eval != null) {
        eval = eval.withClasses(classes.get(), "data.eval." + kindOf(data.eval().source().getClass()), from,
            saved.isPresent() ? "fix the label; " + wayOut : wayOut);
      }
    } else if (eval != null && !eval.classNames().isEmpty()) {
      throw new DataException("data.eval." + kindOf(data.eval().source().getClass()), eval.origin(0)
          + ": the labels are class names (" + String.join(", ", eval.classNames().subList(0, Math.min(5, eval.classNames().size())))
          + (eval.classNames().size() > 5 ? ", ..." : "") + ") but data.train's labels are numbers"
          + "; give both splits the same kind of labels");
    }
    ImageList.Eval imageEval = evalList == null ? null : evalImages(data, inputs, evalList, eval);
    if (imageEval != null) {
      eval = null;
    }
    if (eval != null) {
      eval = preprocessing.inference(data.eval().steps(), io.inscope.configs.ModelSpec.featureRow(inputs)).applyTo(eval);
    }
    if (trainList != null) {
      return new Splits(null, eval, classes, vocabulary, evalStream, trainList.withIndex(train), imageEval);
    }
    return new Splits(train, eval, classes, vocabulary, evalStream, null, imageEval);
  }

  /** A streamed image eval split with its labels {@code index} (renumbered by the run's classes). */
  private ImageList.Eval evalImages(DataSpec data, Map<String, InputSpec> inputs, ImageList list, Examples index) {
    InputSpec row = io.inscope.configs.ModelSpec.featureRow(inputs);
    return list.withIndex(index).evaluation(() -> preprocessing.inference(data.eval().steps(), row));
  }

  private static Examples loadText(String where, DataSplitSpec split, Vocabulary vocabulary, InputSpec input) throws DataException {
    TextSpec text = (TextSpec) split.source();
    try {
      return TextSource.examples(text, TextSource.read(text), vocabulary, input).scaled(split.scale());
    } catch (DataException e) {
      throw e.under(where);
    }
  }

  /**
   * A job's data, as training uses it.
   *
   * @param train {@code data.train}, scaled; its {@code preprocessing} runs on each batch
   *     ({@link PreprocessingCompiler#training}); null when it streams ({@code cache: false}, see {@link TfrecordStream})
   * @param eval {@code data.eval}, scaled and with its {@code preprocessing} applied; or null (no
   *     {@code data.eval}, or one that streams)
   * @param classes the class names of string labels (class id = index), empty for numeric labels
   * @param vocabulary the vocabulary of text sources, else empty
   * @param evalStream {@code data.eval} when it streams tfrecord files ({@code cache: false}), else null
   * @param trainImages {@code data.train} when it streams images ({@code cache: false}; {@code train}
   *     is null then): its files, and its labels numbered by {@code classes}
   * @param evalImages {@code data.eval} when it streams images ({@code eval} is null then)
   */
  public record Splits(Examples train, Examples eval, Optional<ClassNames> classes, Optional<Vocabulary> vocabulary,
      EvalStream evalStream, ImageList trainImages, ImageList.Eval evalImages) {
    public Splits(Examples train, Examples eval, Optional<ClassNames> classes, Optional<Vocabulary> vocabulary,
        EvalStream evalStream) {
      this(train, eval, classes, vocabulary, evalStream, null, null);
    }

    /** The eval split as evaluation reads it, held in memory or streamed; null without {@code data.eval}. */
    public EvalData evaluation() {
      return evalStream != null ? evalStream : evalImages != null ? evalImages : eval == null ? null : EvalData.inMemory(eval);
    }
  }

  /** The YAML name of a source kind: its {@link Kind} annotation. */
  public static String kindOf(Class<? extends SourceSpec> type) {
    Kind kind = type.getAnnotation(Kind.class);
    if (kind == null) {
      throw new IllegalArgumentException(type.getName() + " has no @Kind annotation");
    }
    return kind.value();
  }
}
