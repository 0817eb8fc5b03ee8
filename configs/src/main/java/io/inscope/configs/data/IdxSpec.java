package io.inscope.configs.data;

import io.inscope.configs.Doc;
import io.inscope.configs.FilePath;
import io.inscope.configs.Kind;

/** MNIST-format (IDX) files. */
@Doc("MNIST-format (IDX) files")
@Kind("idx")
public record IdxSpec(
    @FilePath @Doc("IDX file of examples (.gz accepted)") String images,
    @FilePath @Doc("IDX file of labels (.gz accepted)") String labels) implements SourceSpec {}
