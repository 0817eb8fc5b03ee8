package io.inscope.configs.initializers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** A (semi-)orthogonal matrix from the QR decomposition of a normal draw. */
@Doc("A (semi-)orthogonal matrix from the QR decomposition of a normal draw")
@Kind("orthogonal")
public record OrthogonalSpec(
    @Doc("multiplies the orthogonal matrix") @Default("1.0") double gain) implements InitializerSpec {}
