"""Time training epochs of the book's IMDB model in PyTorch, on the arrays
that `speed compare-pytorch` wrote, at that command's request.

The model is chapter 4's, the one `imdb train` trains: Embedding(20000, 100)
-> LSTM, GRU or tanh RNN (hidden 100) -> the state at each review's last
real token -> Linear(100, 1), binary cross-entropy on the logit, Adam
(lr 1e-3, eps 1e-7, Keras's defaults), batches of 32 in a seeded random order.

Protocol (one JSON object per line on standard output):
  start:      {"ready": true, "torch": VERSION, "threads": N, ...}
  stdin line: "lstm", "gru" or "rnn" -> trains one epoch of a new model and
              answers {"cell": ..., "seconds": ..., "batches": ..., "loss": ...}
  stdin line: "quit" (or end of input) -> exits.
Only the training loop is timed, as on the Rust side.

Needs PyTorch and NumPy:  python3 -m venv VENV && VENV/bin/pip install torch numpy
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import torch


def load(folder):
    with open(os.path.join(folder, "arrays.json")) as f:
        meta = json.load(f)
    arrays = {}
    for name, spec in meta["arrays"].items():
        data = np.fromfile(os.path.join(folder, spec["file"]), dtype=spec["dtype"])
        arrays[name] = data.reshape(spec["shape"])
    return meta, arrays


class Classifier(torch.nn.Module):
    def __init__(self, cell, num_words, dim, hidden):
        super().__init__()
        self.embedding = torch.nn.Embedding(num_words, dim)
        torch.nn.init.uniform_(self.embedding.weight, -0.05, 0.05)
        layer = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[cell]
        self.rnn = layer(dim, hidden, batch_first=True)
        self.dense = torch.nn.Linear(hidden, 1)

    def forward(self, ids, last_real):
        states, _ = self.rnn(self.embedding(ids))
        read = states[torch.arange(ids.shape[0]), last_real]
        return self.dense(read).squeeze(1)


def epoch(cell, ids, labels, last_real, meta, seed):
    torch.manual_seed(seed)
    model = Classifier(cell, meta["num_words"], meta["embedding_dim"], meta["hidden"])
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    batch = meta["batch_size"]
    order = torch.randperm(ids.shape[0], generator=torch.Generator().manual_seed(seed))
    total, batches = 0.0, 0
    start = time.perf_counter()
    for first in range(0, ids.shape[0], batch):
        rows = order[first:first + batch]
        optimiser.zero_grad()
        loss = loss_fn(model(ids[rows], last_real[rows]), labels[rows])
        loss.backward()
        optimiser.step()
        total += loss.item()
        batches += 1
    seconds = time.perf_counter() - start
    return {"cell": cell, "seconds": seconds, "batches": batches, "loss": total / batches}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--arrays", required=True, help="the folder speed compare-pytorch wrote")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    meta, arrays = load(args.arrays)
    ids = torch.from_numpy(arrays["ids"].astype(np.int64))
    labels = torch.from_numpy(arrays["labels"].astype(np.float32))
    last_real = torch.from_numpy(arrays["last_real"].astype(np.int64))
    print(json.dumps({
        "ready": True,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "mkldnn": torch.backends.mkldnn.is_available(),
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "reviews": int(ids.shape[0]),
    }), flush=True)
    for line in sys.stdin:
        request = line.strip()
        if request == "quit":
            break
        if request not in ("lstm", "gru", "rnn"):
            print(json.dumps({"error": f"unknown request {request!r}"}), flush=True)
            continue
        print(json.dumps(epoch(request, ids, labels, last_real, meta, args.seed)), flush=True)


if __name__ == "__main__":
    main()
