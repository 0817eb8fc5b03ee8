package io.inscope.modules.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.inscope.configs.Activation;
import io.inscope.configs.initializers.GlorotUniformSpec;
import io.inscope.configs.initializers.ZerosSpec;
import io.inscope.configs.layers.DenseSpec;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.strategy.ScopeException;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

class LayerServicesTest {
  @Test
  void aWeightCreatedWithNoOpenScopeFailsNamingIt() {
    LayerServices services =
        Guice.createInjector(new InitializersModule(), new LayersModule()).getInstance(LayerServices.class);
    Dense dense =
        new Dense(new DenseSpec(2, Activation.LINEAR, true, new GlorotUniformSpec(), new ZerosSpec()),
            "dense_3", services);
    ScopeException e = assertThrows(ScopeException.class, () -> dense.build(Shape.of(4)));
    assertTrue(e.getMessage().contains("'dense_3.kernel'"), e.getMessage());
  }
}
