"""What Keras does with three pieces of the article's code, shown on random
arrays (Errata rows 10, 13 and 14 of the book).

1. `Embedding(20000, 100, input_length=50)`: accepted, accepted with a
   warning, or rejected?
2. The article's model, `LSTM(100, return_sequences=True)` then
   `Dense(1, sigmoid)`, fitted on labels of shape (N,), (N, 1) and
   (N, 50, 1): which shapes does Keras refuse?
3. The GRU: the default of `reset_after`, and which way the update gate
   points (is `z` the share of the old state or of the candidate?).

Each check runs with Keras 3 (`import keras`) and, if it is installed, with
Keras 2 (`import tf_keras`), and prints what it found and the versions.
Nothing here is a recorded result of the book: the build never runs it.

Needs TensorFlow and Keras (CI installs neither):
    python3 -m venv VENV && VENV/bin/pip install tensorflow tf_keras
    VENV/bin/python compare/keras_checks.py
"""

import importlib
import os
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

N, T, WORDS = 64, 50, 20000


def summary(error):
    """The error's type and its last line (TensorFlow puts the cause last)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    name = type(error).__name__
    last = lines[-1].removeprefix(f"{name}: ") if lines else ""
    return f"{name}: {last[:200]}"


def check_input_length(keras):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            layer = keras.layers.Embedding(WORDS, 100, input_length=T)
        except Exception as error:  # noqa: BLE001 - any refusal is the answer
            return f"rejected ({summary(error)})"
    said = [str(w.message) for w in caught if "input_length" in str(w.message)]
    # Is the length enforced? Feed a shorter sequence.
    try:
        out = layer(np.zeros((2, T - 20), dtype="int32"))
        length = f"a sequence of {T - 20} ids gives shape {tuple(out.shape)}"
    except Exception as error:  # noqa: BLE001
        length = f"a sequence of {T - 20} ids fails ({summary(error)})"
    verdict = f"accepted with a warning ({said[0]})" if said else "accepted silently"
    return f"{verdict}; {length}"


def check_per_step_labels(keras):
    rng = np.random.default_rng(0)
    ids = rng.integers(1, WORDS, size=(N, T))
    labels = rng.integers(0, 2, size=N).astype("float32")
    found = []
    for shape in [(N,), (N, 1), (N, T, 1)]:
        y = np.broadcast_to(labels.reshape(N, *[1] * (len(shape) - 1)), shape).copy()
        model = keras.Sequential(
            [
                keras.Input(shape=(T,)),
                keras.layers.Embedding(WORDS, 100),
                keras.layers.LSTM(100, return_sequences=True),
                keras.layers.Dense(1, activation="sigmoid"),
            ]
        )
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        try:
            history = model.fit(ids, y, batch_size=32, epochs=1, verbose=0)
            loss = history.history["loss"][0]
            result = f"trains (loss {loss:.3f})"
        except Exception as error:  # noqa: BLE001
            result = f"refused ({summary(error)})"
        output = tuple(model.outputs[0].shape)
        found.append(f"labels {shape}, output {output}: {result}")
    return found


def check_gru(keras):
    hidden, inputs = 3, 2
    layer = keras.layers.GRU(hidden)
    rng = np.random.default_rng(1)
    x = rng.normal(size=(1, 1, inputs)).astype("float32")
    h0 = rng.normal(size=(1, hidden)).astype("float32")
    state = [tf.constant(h0)]  # Keras 2 wants a tensor, not an array
    layer(tf.constant(x), initial_state=state)  # builds the weights
    weights = [rng.normal(size=w.shape).astype("float32") for w in layer.get_weights()]
    layer.set_weights(weights)
    h1 = np.asarray(layer(tf.constant(x), initial_state=state))

    # One step written out, reset gate after the recurrent product (the
    # default checked above); Keras packs the gates as z, r, candidate.
    kernel, recurrent, bias = weights
    b_in, b_rec = (bias[0], bias[1]) if bias.ndim == 2 else (bias, np.zeros_like(bias))
    gx = x[0] @ kernel + b_in
    gh = h0 @ recurrent + b_rec
    sigmoid = lambda a: 1 / (1 + np.exp(-a))  # noqa: E731
    z = sigmoid(gx[:, :hidden] + gh[:, :hidden])
    r = sigmoid(gx[:, hidden : 2 * hidden] + gh[:, hidden : 2 * hidden])
    candidate = np.tanh(gx[:, 2 * hidden :] + r * gh[:, 2 * hidden :])
    old_share = z * h0 + (1 - z) * candidate
    new_share = (1 - z) * h0 + z * candidate
    if np.allclose(h1, old_share, atol=1e-5):
        direction = "z is the share of the old state: h = z*h_prev + (1-z)*candidate"
    elif np.allclose(h1, new_share, atol=1e-5):
        direction = "z is the share of the candidate: h = (1-z)*h_prev + z*candidate"
    else:
        direction = "neither form matches (not the reset-after form?)"
    return f"default reset_after={layer.reset_after}; {direction}"


def main():
    print(f"TensorFlow {tf.__version__}")
    for name in ["keras", "tf_keras"]:
        try:
            keras = importlib.import_module(name)
        except ImportError:
            print(f"\n{name}: not installed, skipped")
            continue
        print(f"\n{name} {keras.__version__}")
        keras.utils.set_random_seed(0)
        print(f"  Embedding(input_length={T}): {check_input_length(keras)}")
        for line in check_per_step_labels(keras):
            print(f"  {line}")
        print(f"  GRU: {check_gru(keras)}")


if __name__ == "__main__":
    main()
