#!/usr/bin/env python3
"""Reference values for chapter 3, computed with PyTorch in float64.

For each cell this script draws parameters in PyTorch's packed layout,
converts them to the book's per-gate names, draws inputs, initial states and
the weights R of a loss L = sum_t sum(h_t * R_t) (+ sum(c_T * R_c) for the
LSTM, + sum_t sum(y_t * S_t) for the vanilla layer's outputs), and computes
outputs and gradients twice, independently:

1. the article's equations written out step by step, differentiated by autograd;
2. PyTorch's own nn.RNN + nn.Linear / nn.LSTM / nn.GRU with the packed weights.

It checks that the two agree to 1e-12 and writes the values to JSON fixtures
that the Rust tests read. The Rust tests never need Python.

The GRU in the article's form (reset applied to h_{t-1} before the matrix
product) has no PyTorch module; its fixture comes from the written-out
equations only.

Run (PyTorch 2 in a virtual environment):
    python3 -m venv .venv && .venv/bin/pip install torch
    .venv/bin/python chapters-code/pytorch-reference/make_fixtures.py
"""

import json
import pathlib

import torch

torch.set_default_dtype(torch.float64)
OUT = pathlib.Path(__file__).resolve().parent / "fixtures"
STEPS, BATCH, INPUT, HIDDEN, OUTPUT = 7, 3, 4, 5, 2
AGREE = 1e-12


def uniform(generator, *shape, scale=1.0):
    return (torch.rand(*shape, generator=generator) * 2.0 - 1.0) * scale


def leaves(named):
    return {k: v.clone().requires_grad_(True) for k, v in named.items()}


def gates(packed, count):
    return list(torch.chunk(packed, count, dim=0))


def close(name, a, b):
    diff = (a - b).abs().max().item()
    assert diff < AGREE, f"{name}: written-out equations and nn module differ by {diff}"


def tolist(tensors):
    return {k: v.detach().tolist() for k, v in tensors.items()}


def write(name, record):
    record["torch_version"] = torch.__version__
    record["dtype"] = "float64"
    record["sizes"] = {"steps": STEPS, "batch": BATCH, "input": INPUT, "hidden": HIDDEN, "output": OUTPUT}
    path = OUT / name
    path.write_text(json.dumps(record, indent=None, separators=(",", ":")) + "\n")
    print(f"wrote {path}")


# ---------------------------------------------------------------- vanilla RNN
def vanilla(generator):
    packed = {
        "weight_ih_l0": uniform(generator, HIDDEN, INPUT),
        "weight_hh_l0": uniform(generator, HIDDEN, HIDDEN, scale=0.7),
        "bias_ih_l0": uniform(generator, HIDDEN),
        "bias_hh_l0": uniform(generator, HIDDEN),
        "linear_weight": uniform(generator, OUTPUT, HIDDEN),
        "linear_bias": uniform(generator, OUTPUT),
    }
    ours = {
        "w_xh": packed["weight_ih_l0"],
        "w_hh": packed["weight_hh_l0"],
        "b_h": packed["bias_ih_l0"] + packed["bias_hh_l0"],
        "w_hy": packed["linear_weight"],
        "b_y": packed["linear_bias"],
    }
    data = {
        "x": uniform(generator, STEPS, BATCH, INPUT),
        "h0": uniform(generator, BATCH, HIDDEN, scale=0.5),
        "r": uniform(generator, STEPS, BATCH, HIDDEN),
        "s": uniform(generator, STEPS, BATCH, OUTPUT),
    }

    # 1. The equations, written out.
    p = leaves(ours)
    x, h0 = data["x"].clone().requires_grad_(True), data["h0"].clone().requires_grad_(True)
    h, hs, ys = h0, [], []
    for t in range(STEPS):
        h = torch.tanh(x[t] @ p["w_xh"].T + h @ p["w_hh"].T + p["b_h"])
        hs.append(h)
        ys.append(h @ p["w_hy"].T + p["b_y"])
    hs, ys = torch.stack(hs), torch.stack(ys)
    loss = (hs * data["r"]).sum() + (ys * data["s"]).sum()
    loss.backward()
    grads = {k: v.grad for k, v in p.items()} | {"x": x.grad, "h0": h0.grad}

    # 2. nn.RNN + nn.Linear.
    rnn = torch.nn.RNN(INPUT, HIDDEN, nonlinearity="tanh")
    linear = torch.nn.Linear(HIDDEN, OUTPUT)
    with torch.no_grad():
        for k in ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]:
            getattr(rnn, k).copy_(packed[k])
        linear.weight.copy_(packed["linear_weight"])
        linear.bias.copy_(packed["linear_bias"])
    x2, h02 = data["x"].clone().requires_grad_(True), data["h0"].clone().requires_grad_(True)
    out, _ = rnn(x2, h02.unsqueeze(0))
    y2 = linear(out)
    ((out * data["r"]).sum() + (y2 * data["s"]).sum()).backward()
    close("h", hs, out)
    close("y", ys, y2)
    close("w_xh", grads["w_xh"], rnn.weight_ih_l0.grad)
    close("w_hh", grads["w_hh"], rnn.weight_hh_l0.grad)
    close("b_h", grads["b_h"], rnn.bias_ih_l0.grad)
    close("b_h (hh)", grads["b_h"], rnn.bias_hh_l0.grad)
    close("w_hy", grads["w_hy"], linear.weight.grad)
    close("b_y", grads["b_y"], linear.bias.grad)
    close("x", grads["x"], x2.grad)
    close("h0", grads["h0"], h02.grad)

    write("vanilla.json", {
        "cell": "vanilla", "pytorch": tolist(packed), "params": tolist(ours), "inputs": tolist(data),
        "outputs": {"h": hs.tolist(), "y": ys.tolist()}, "grads": tolist(grads),
    })


# ---------------------------------------------------------------------- LSTM
def lstm(generator):
    packed = {
        "weight_ih_l0": uniform(generator, 4 * HIDDEN, INPUT),
        "weight_hh_l0": uniform(generator, 4 * HIDDEN, HIDDEN, scale=0.7),
        "bias_ih_l0": uniform(generator, 4 * HIDDEN),
        "bias_hh_l0": uniform(generator, 4 * HIDDEN),
    }
    # PyTorch's gate order is i, f, g, o; the article's candidate C~ is PyTorch's g.
    wi, wf, wg, wo = gates(packed["weight_ih_l0"], 4)
    ui, uf, ug, uo = gates(packed["weight_hh_l0"], 4)
    bias = packed["bias_ih_l0"] + packed["bias_hh_l0"]
    bi, bf, bg, bo = gates(bias, 4)
    ours = {
        "w_xi": wi, "w_hi": ui, "b_i": bi,
        "w_xf": wf, "w_hf": uf, "b_f": bf,
        "w_xo": wo, "w_ho": uo, "b_o": bo,
        "w_xc": wg, "w_hc": ug, "b_c": bg,
    }
    data = {
        "x": uniform(generator, STEPS, BATCH, INPUT),
        "h0": uniform(generator, BATCH, HIDDEN, scale=0.5),
        "c0": uniform(generator, BATCH, HIDDEN, scale=0.5),
        "r": uniform(generator, STEPS, BATCH, HIDDEN),
        "r_c": uniform(generator, BATCH, HIDDEN),
    }

    p = leaves(ours)
    x = data["x"].clone().requires_grad_(True)
    h0 = data["h0"].clone().requires_grad_(True)
    c0 = data["c0"].clone().requires_grad_(True)
    h, c, hs = h0, c0, []
    for t in range(STEPS):
        i = torch.sigmoid(x[t] @ p["w_xi"].T + h @ p["w_hi"].T + p["b_i"])
        f = torch.sigmoid(x[t] @ p["w_xf"].T + h @ p["w_hf"].T + p["b_f"])
        o = torch.sigmoid(x[t] @ p["w_xo"].T + h @ p["w_ho"].T + p["b_o"])
        c_tilde = torch.tanh(x[t] @ p["w_xc"].T + h @ p["w_hc"].T + p["b_c"])
        c = f * c + i * c_tilde
        h = o * torch.tanh(c)
        hs.append(h)
    hs = torch.stack(hs)
    ((hs * data["r"]).sum() + (c * data["r_c"]).sum()).backward()
    grads = {k: v.grad for k, v in p.items()} | {"x": x.grad, "h0": h0.grad, "c0": c0.grad}

    module = torch.nn.LSTM(INPUT, HIDDEN)
    with torch.no_grad():
        for k, v in packed.items():
            getattr(module, k).copy_(v)
    x2 = data["x"].clone().requires_grad_(True)
    h02 = data["h0"].clone().requires_grad_(True)
    c02 = data["c0"].clone().requires_grad_(True)
    out, (_, c_n) = module(x2, (h02.unsqueeze(0), c02.unsqueeze(0)))
    ((out * data["r"]).sum() + (c_n[0] * data["r_c"]).sum()).backward()
    close("h", hs, out)
    close("c_T", c, c_n[0])
    gw = dict(zip("ifgo", gates(module.weight_ih_l0.grad, 4)))
    gu = dict(zip("ifgo", gates(module.weight_hh_l0.grad, 4)))
    gb = dict(zip("ifgo", gates(module.bias_ih_l0.grad, 4)))
    gb2 = dict(zip("ifgo", gates(module.bias_hh_l0.grad, 4)))
    for ours_gate, torch_gate in [("i", "i"), ("f", "f"), ("o", "o"), ("c", "g")]:
        close(f"w_x{ours_gate}", grads[f"w_x{ours_gate}"], gw[torch_gate])
        close(f"w_h{ours_gate}", grads[f"w_h{ours_gate}"], gu[torch_gate])
        close(f"b_{ours_gate}", grads[f"b_{ours_gate}"], gb[torch_gate])
        close(f"b_{ours_gate} (hh)", grads[f"b_{ours_gate}"], gb2[torch_gate])
    close("x", grads["x"], x2.grad)
    close("h0", grads["h0"], h02.grad)
    close("c0", grads["c0"], c02.grad)

    write("lstm.json", {
        "cell": "lstm", "pytorch": tolist(packed), "params": tolist(ours), "inputs": tolist(data),
        "outputs": {"h": hs.tolist(), "c_last": c.tolist()}, "grads": tolist(grads),
    })


# ----------------------------------------------------------------------- GRU
def gru_equations(p, x, h0, reset_after):
    """The article's GRU: z weighs the candidate, h_t = (1 - z) h_{t-1} + z h~."""
    h, hs = h0, []
    for t in range(STEPS):
        z = torch.sigmoid(x[t] @ p["w_xz"].T + h @ p["w_hz"].T + p["b_z"])
        r = torch.sigmoid(x[t] @ p["w_xr"].T + h @ p["w_hr"].T + p["b_r"])
        if reset_after:
            n = torch.tanh(x[t] @ p["w_xn"].T + p["b_n"] + r * (h @ p["w_hn"].T + p["b_hn"]))
        else:
            n = torch.tanh(x[t] @ p["w_xn"].T + (r * h) @ p["w_hn"].T + p["b_n"])
        h = (1 - z) * h + z * n
        hs.append(h)
    return torch.stack(hs)


def gru(generator, reset_after):
    packed = {
        "weight_ih_l0": uniform(generator, 3 * HIDDEN, INPUT),
        "weight_hh_l0": uniform(generator, 3 * HIDDEN, HIDDEN, scale=0.7),
        "bias_ih_l0": uniform(generator, 3 * HIDDEN),
        "bias_hh_l0": uniform(generator, 3 * HIDDEN),
    }
    # PyTorch's gate order is r, z, n, and its z weighs the OLD state:
    # h_t = (1 - z_pt) n + z_pt h_{t-1}. The article's z is 1 - z_pt, and
    # since 1 - sigmoid(a) = sigmoid(-a), its parameters are the negated ones.
    wr, wz, wn = gates(packed["weight_ih_l0"], 3)
    ur, uz, un = gates(packed["weight_hh_l0"], 3)
    bir, biz, bin_ = gates(packed["bias_ih_l0"], 3)
    bhr, bhz, bhn = gates(packed["bias_hh_l0"], 3)
    ours = {
        "w_xz": -wz, "w_hz": -uz, "b_z": -(biz + bhz),
        "w_xr": wr, "w_hr": ur, "b_r": bir + bhr,
        "w_xn": wn, "w_hn": un, "b_n": bin_, "b_hn": bhn,
    }
    data = {
        "x": uniform(generator, STEPS, BATCH, INPUT),
        # Not zero: from h0 = 0 the two forms give the same (zero) W_hn gradient at the first step.
        "h0": uniform(generator, BATCH, HIDDEN, scale=0.8),
        "r": uniform(generator, STEPS, BATCH, HIDDEN),
    }
    p = leaves(ours)
    x = data["x"].clone().requires_grad_(True)
    h0 = data["h0"].clone().requires_grad_(True)
    hs = gru_equations(p, x, h0, reset_after)
    (hs * data["r"]).sum().backward()
    grads = {k: (v.grad if v.grad is not None else torch.zeros_like(v)) for k, v in p.items()}
    grads |= {"x": x.grad, "h0": h0.grad}

    form = "reset_after" if reset_after else "reset_before"
    record = {
        "cell": f"gru_{form}", "form": form, "params": tolist(ours), "inputs": tolist(data),
        "outputs": {"h": hs.tolist()}, "grads": tolist(grads),
    }
    if reset_after:
        module = torch.nn.GRU(INPUT, HIDDEN)
        with torch.no_grad():
            for k, v in packed.items():
                getattr(module, k).copy_(v)
        x2 = data["x"].clone().requires_grad_(True)
        h02 = data["h0"].clone().requires_grad_(True)
        out, _ = module(x2, h02.unsqueeze(0))
        (out * data["r"]).sum().backward()
        close("h", hs, out)
        gw = dict(zip("rzn", gates(module.weight_ih_l0.grad, 3)))
        gu = dict(zip("rzn", gates(module.weight_hh_l0.grad, 3)))
        gbi = dict(zip("rzn", gates(module.bias_ih_l0.grad, 3)))
        gbh = dict(zip("rzn", gates(module.bias_hh_l0.grad, 3)))
        close("w_xz", grads["w_xz"], -gw["z"])
        close("w_hz", grads["w_hz"], -gu["z"])
        close("b_z", grads["b_z"], -gbi["z"])
        close("b_z (hh)", grads["b_z"], -gbh["z"])
        close("w_xr", grads["w_xr"], gw["r"])
        close("w_hr", grads["w_hr"], gu["r"])
        close("b_r", grads["b_r"], gbi["r"])
        close("w_xn", grads["w_xn"], gw["n"])
        close("w_hn", grads["w_hn"], gu["n"])
        close("b_n", grads["b_n"], gbi["n"])
        close("b_hn", grads["b_hn"], gbh["n"])
        close("x", grads["x"], x2.grad)
        close("h0", grads["h0"], h02.grad)
        record["pytorch"] = tolist(packed)
    write(f"gru_{form}.json", record)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    generator = torch.Generator().manual_seed(20261126)
    vanilla(generator)
    lstm(generator)
    gru(generator, reset_after=False)
    gru(generator, reset_after=True)


if __name__ == "__main__":
    main()
