"""Keras 3's LossScaleOptimizer on LossScaleTest's batch, for its reference values (CI does not run this).

Run: /work/venv-tf/bin/python tools/keras_loss_scale.py
Prints, per train_on_batch step of a zero-initialized Dense(3) under the mixed_float16 policy with
LossScaleOptimizer(SGD(0.1)): the dynamic scale, the growth counter, the optimizer's iterations and
the kernel's first row. Keras 3.15.1 / TF 2.21 printed 8 skipped steps (scale 16384 ... 128,
iterations 0, kernel zero), then step 9 applied: kernel[0] = [37.55, -18.775, -18.775], iterations 1.
"""
import os; os.environ["TF_CPP_MIN_LOG_LEVEL"]="2"
import numpy as np, tensorflow as tf, keras
keras.mixed_precision.set_global_policy("mixed_float16")
B,IN,U=4,4,3
x=np.zeros((B,IN),np.float32)
for b in range(B):
    for k in range(IN):
        x[b,k]=(1000 if b<2 else 1)*(1+0.25*b-0.125*k)*(1 if k%2==0 else -1)
y=np.zeros((B,),np.int32)
m=keras.Sequential([keras.Input((IN,)), keras.layers.Dense(U, kernel_initializer="zeros")])
opt=keras.optimizers.LossScaleOptimizer(keras.optimizers.SGD(0.1))
m.compile(optimizer=opt, loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
for i in range(10):
    m.train_on_batch(x,y)
    print(i+1, float(opt.dynamic_scale.numpy()), int(opt.step_counter.numpy()), int(opt.iterations.numpy()), m.layers[0].kernel.numpy()[0])
