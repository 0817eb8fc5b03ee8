package io.inscope.configs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A path to an input file (or a list of them; globs in the file name allowed), or with {@link
 * #directory()} to a folder. The loader resolves a relative path against the directory of the job
 * file that wrote it, stores the absolute path, and reports a file (folder) that does not exist or
 * cannot be read.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface FilePath {
  /** The path names a folder, not a file. */
  boolean directory() default false;
}
