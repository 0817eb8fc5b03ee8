package io.inscope.configs;

/** A kind record that a resolved job file writes as one number when nothing else was set. */
public interface ScalarForm {
  /** The number the record is written as, or null when it needs its map form. */
  Double scalarForm();
}
