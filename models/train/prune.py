#!/usr/bin/env python3
"""Prunes the trained NER model (fewer attention heads, a narrower feed-forward layer) and
distils it back to its teacher's accuracy; exports int8 ONNX like train.py.

    python3 models/train/prune.py --teacher /tmp/teacher/phiscrub-ner.onnx --heads 4 --ffn 384 \
        --max-steps 2000 --threshold NAME=0.96 ... --out models/   (models/train/README.md)

Why: the model's forward pass is most of the gated pipeline's time (models/MODEL_CARD.md). Per
word piece, two 384-wide layers with 12 heads and 1,536-wide feed-forward layers do 3.5 M
multiply-adds; with 4 heads and 384 neurons, 1.0 M, and the softmax and GELU work shrinks too.
The hidden width (384) and the embeddings stay, so the vocabulary, positions and classifier rows
are the teacher's.

Steps (seeded, CPU only):
1. Read the teacher's int8 ONNX graph (made by train.py; the file committed up to 9235613) back
   into fp32 weights: each `MatMulInteger` weight is `(q - zero_point) * scale`
   per output channel and is named by its node path; the embedding tables have one scale and
   zero point each. The torch teacher's logits are compared with ONNX Runtime's on a sample.
2. Score each attention head and feed-forward neuron by the gradient of the distillation loss
   with respect to a gate on its output (|dL/dgate| summed over `--score-batches` batches of
   synthetic train windows; Michel et al. 2019, "Are Sixteen Heads Really Better than One?"),
   and keep the `--heads` best heads and `--ffn` best neurons of each layer.
3. Distil on the synthetic train split (the same windows and crops as train.py; never
   PhysioNet): loss = cross-entropy on the gold tags + KL divergence to the teacher's tag
   distribution at temperature 2.
4. Export ONNX (opset 17; inputs `input_ids`, `attention_mask`; output `logits`), quantise to
   int8 (dynamic, per channel), and copy `tokenizer.json` and `labels.json` from the teacher's
   folder.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train as base  # noqa: E402  (windows, batches, corpus generation)


def read_teacher(path: Path):
    """fp32 weights of the int8 ONNX teacher, keyed by parameter path, plus its shape."""
    import onnx
    from onnx import numpy_helper

    g = onnx.load(str(path)).graph
    init = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    sd: dict[str, np.ndarray] = {}
    for name, arr in init.items():
        if arr.dtype == np.float32 and arr.ndim > 0 and name.startswith(("bert.", "classifier.")):
            sd[name] = arr
    for emb in ("word", "position", "token_type"):
        p = f"bert.embeddings.{emb}_embeddings.weight"
        q = init[p + "_quantized"].astype(np.float32)
        sd[p] = (q - init[p + "_zero_point"].astype(np.float32)) * init[p + "_scale"]
    eps = 1e-12
    for n in g.node:
        if n.op_type == "LayerNormalization":
            for a in n.attribute:
                if a.name == "epsilon":
                    eps = a.f
        if n.op_type != "MatMulInteger":
            continue
        w = init[n.input[1]].astype(np.float32)  # [K, N]
        zp = init[n.input[3]].astype(np.float32)
        scale = init[n.input[1].replace("_quantized", "_scale")]
        path = n.name.strip("/").rsplit("/", 1)[0].replace("/", ".")  # bert.encoder...query
        sd[path + ".weight"] = ((w - zp[None, :]) * scale[None, :]).T  # torch Linear: [N, K]
    layers = 1 + max(int(k.split(".")[3]) for k in sd if k.startswith("bert.encoder.layer."))
    return sd, layers, eps


def build_model(vocab, hidden, layers, heads, head_dim, ffn, n_labels, eps, max_pos=512):
    """A BERT encoder for token classification with per-layer head and neuron counts."""
    import torch
    from torch import nn
    import torch.nn.functional as F

    class Layer(nn.Module):
        def __init__(self, h, f):
            super().__init__()
            self.h, self.f = h, f
            self.q = nn.Linear(hidden, h * head_dim)
            self.k = nn.Linear(hidden, h * head_dim)
            self.v = nn.Linear(hidden, h * head_dim)
            self.o = nn.Linear(h * head_dim, hidden)
            self.ln1 = nn.LayerNorm(hidden, eps=eps)
            self.f1 = nn.Linear(hidden, f)
            self.f2 = nn.Linear(f, hidden)
            self.ln2 = nn.LayerNorm(hidden, eps=eps)

        def forward(self, x, bias, head_gate=None, ffn_gate=None):
            b, n, _ = x.shape
            q = self.q(x).view(b, n, self.h, head_dim).transpose(1, 2)
            k = self.k(x).view(b, n, self.h, head_dim).transpose(1, 2)
            v = self.v(x).view(b, n, self.h, head_dim).transpose(1, 2)
            att = torch.softmax(q @ k.transpose(-1, -2) * (1.0 / math.sqrt(head_dim)) + bias, dim=-1)
            ctx = att @ v
            if head_gate is not None:
                ctx = ctx * head_gate.view(1, -1, 1, 1)
            ctx = ctx.transpose(1, 2).reshape(b, n, self.h * head_dim)
            x = self.ln1(x + self.o(ctx))
            m = F.gelu(self.f1(x))
            if ffn_gate is not None:
                m = m * ffn_gate
            return self.ln2(x + self.f2(m))

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.word = nn.Embedding(vocab, hidden)
            self.pos = nn.Embedding(max_pos, hidden)
            self.typ = nn.Embedding(2, hidden)
            self.ln = nn.LayerNorm(hidden, eps=eps)
            self.layers = nn.ModuleList(Layer(heads[i], ffn[i]) for i in range(layers))
            self.cls = nn.Linear(hidden, n_labels)

        def forward(self, input_ids, attention_mask, gates=None):
            n = input_ids.shape[1]
            pos = torch.arange(n, device=input_ids.device).unsqueeze(0)
            x = self.ln(self.word(input_ids) + self.typ.weight[0] + self.pos(pos))
            bias = (1.0 - attention_mask.to(x.dtype))[:, None, None, :] * -10000.0
            for i, layer in enumerate(self.layers):
                hg, fg = (gates[i] if gates is not None else (None, None))
                x = layer(x, bias, hg, fg)
            return self.cls(x)

    return Model()


def load_teacher_weights(model, sd, layers):
    import torch

    t = lambda a: torch.from_numpy(np.ascontiguousarray(a))  # noqa: E731
    with torch.no_grad():
        model.word.weight.copy_(t(sd["bert.embeddings.word_embeddings.weight"]))
        model.pos.weight.copy_(t(sd["bert.embeddings.position_embeddings.weight"]))
        model.typ.weight.copy_(t(sd["bert.embeddings.token_type_embeddings.weight"]))
        model.ln.weight.copy_(t(sd["bert.embeddings.LayerNorm.weight"]))
        model.ln.bias.copy_(t(sd["bert.embeddings.LayerNorm.bias"]))
        for i in range(layers):
            p = f"bert.encoder.layer.{i}."
            L = model.layers[i]
            for mod, name in [
                (L.q, "attention.self.query"),
                (L.k, "attention.self.key"),
                (L.v, "attention.self.value"),
                (L.o, "attention.output.dense"),
                (L.f1, "intermediate.dense"),
                (L.f2, "output.dense"),
            ]:
                mod.weight.copy_(t(sd[p + name + ".weight"]))
                mod.bias.copy_(t(sd[p + name + ".bias"]))
            for mod, name in [(L.ln1, "attention.output.LayerNorm"), (L.ln2, "output.LayerNorm")]:
                mod.weight.copy_(t(sd[p + name + ".weight"]))
                mod.bias.copy_(t(sd[p + name + ".bias"]))
        model.cls.weight.copy_(t(sd["classifier.weight"]))
        model.cls.bias.copy_(t(sd["classifier.bias"]))


def distil_loss(student_logits, teacher_logits, labels, temp=2.0, alpha=0.5):
    import torch.nn.functional as F

    valid = labels != -100
    ce = F.cross_entropy(student_logits[valid], labels[valid])
    s = F.log_softmax(student_logits[valid] / temp, dim=-1)
    t = F.softmax(teacher_logits[valid] / temp, dim=-1)
    kl = F.kl_div(s, t, reduction="batchmean") * temp * temp
    return alpha * ce + (1 - alpha) * kl


def score_units(teacher, layers, heads, ffn, items, rng, n_batches, bs):
    """|dL/dgate| per head and per neuron, summed over batches (teacher scores itself)."""
    import torch

    gates = [
        (torch.ones(heads, requires_grad=True), torch.ones(ffn, requires_grad=True)) for _ in range(layers)
    ]
    hs = [torch.zeros(heads) for _ in range(layers)]
    fs = [torch.zeros(ffn) for _ in range(layers)]
    teacher.eval()
    for b, sel in enumerate(base.batches(items, bs, rng)):
        if b >= n_batches:
            break
        ids, mask, lab = base.collate(items, sel)
        with torch.no_grad():
            ref = teacher(ids, mask)
        out = teacher(ids, mask, gates)
        loss = distil_loss(out, ref, lab)
        loss.backward()
        for i, (hg, fg) in enumerate(gates):
            hs[i] += hg.grad.abs()
            fs[i] += fg.grad.abs()
            hg.grad = None
            fg.grad = None
        teacher.zero_grad()
    return hs, fs


def prune_into(student, teacher, keep_heads, keep_ffn, head_dim):
    import torch

    with torch.no_grad():
        for name in ("word", "pos", "typ", "ln", "cls"):
            getattr(student, name).load_state_dict(getattr(teacher, name).state_dict())
        for i, (S, T) in enumerate(zip(student.layers, teacher.layers)):
            cols = torch.cat([torch.arange(h * head_dim, (h + 1) * head_dim) for h in keep_heads[i]])
            for s, t in [(S.q, T.q), (S.k, T.k), (S.v, T.v)]:
                s.weight.copy_(t.weight[cols])
                s.bias.copy_(t.bias[cols])
            S.o.weight.copy_(T.o.weight[:, cols])
            S.o.bias.copy_(T.o.bias)
            f = torch.tensor(keep_ffn[i])
            S.f1.weight.copy_(T.f1.weight[f])
            S.f1.bias.copy_(T.f1.bias[f])
            S.f2.weight.copy_(T.f2.weight[:, f])
            S.f2.bias.copy_(T.f2.bias)
            S.ln1.load_state_dict(T.ln1.state_dict())
            S.ln2.load_state_dict(T.ln2.state_dict())


def export(model, out_dir: Path, teacher_dir: Path, name: str, thresholds: dict[str, float]):
    base.export_int8(model, out_dir / name, strip_guards=False)
    if (teacher_dir / "tokenizer.json").resolve() != (out_dir / "tokenizer.json").resolve():
        shutil.copyfile(teacher_dir / "tokenizer.json", out_dir / "tokenizer.json")
    labels = json.loads((teacher_dir / "labels.json").read_text(encoding="utf-8"))
    labels["thresholds"].update(thresholds)
    (out_dir / "labels.json").write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8")


def ort_logits(path: Path, ids, mask):
    import onnxruntime as ort

    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return sess.run(None, {"input_ids": ids, "attention_mask": mask})[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--teacher",
        type=Path,
        required=True,
        help="the full-size int8 model made by train.py (its folder also holds labels.json, tokenizer.json)",
    )
    ap.add_argument("--heads", type=int, default=4, help="attention heads kept per layer")
    ap.add_argument("--ffn", type=int, default=384, help="feed-forward neurons kept per layer")
    ap.add_argument("--layers", type=int, default=0, help="encoder layers kept, first ones (0: all)")
    ap.add_argument("--notes", type=int, default=3000)
    ap.add_argument("--max-steps", type=int, default=2000, help="distillation steps (0: export untrained)")
    ap.add_argument("--minutes", type=float, default=0.0, help="time budget instead of --max-steps")
    ap.add_argument("--score-batches", type=int, default=40)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "phiscrub-train")
    ap.add_argument("--out", type=Path, default=base.ROOT / "models")
    ap.add_argument("--name", default="phiscrub-ner.onnx")
    ap.add_argument(
        "--threshold",
        action="append",
        default=[],
        metavar="LABEL=P",
        help="per-label threshold on 1 - P(O) written to labels.json (else the teacher's)",
    )
    args = ap.parse_args()

    import torch
    from tokenizers import Tokenizer

    base.init_run(args)
    teacher_dir = args.teacher.parent

    sd, layers, eps = read_teacher(args.teacher)
    hidden = sd["bert.embeddings.word_embeddings.weight"].shape[1]
    vocab = sd["bert.embeddings.word_embeddings.weight"].shape[0]
    n_labels = sd["classifier.weight"].shape[0]
    ffn0 = sd["bert.encoder.layer.0.intermediate.dense.weight"].shape[0]
    head_dim = 32
    heads0 = hidden // head_dim
    teacher = build_model(vocab, hidden, layers, [heads0] * layers, head_dim, [ffn0] * layers, n_labels, eps)
    load_teacher_weights(teacher, sd, layers)
    teacher.eval()
    for p in teacher.parameters():
        p.requires_grad_(False)

    tok = Tokenizer.from_file(str(teacher_dir / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    tags = [r["tag"] for r in json.loads((teacher_dir / "labels.json").read_text(encoding="utf-8"))["rows"]]
    assert len(tags) == n_labels, (len(tags), n_labels)
    tag_id = {t: i for i, t in enumerate(tags)}

    enc = tok.encode("Patient John Smith lives at 12 Elm Street, Boston MA 02118. Call 617-555-0134.")
    ids = np.array([[2] + enc.ids + [3]], dtype=np.int64)
    mask = np.ones_like(ids)
    ref = ort_logits(args.teacher, ids, mask)
    with torch.no_grad():
        mine = teacher(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
    agree = float((ref.argmax(-1) == mine.argmax(-1)).mean())
    base.log(f"teacher: {layers} layers, {heads0} heads, ffn {ffn0}; fp32 vs int8 ONNX: max |diff| "
             f"{float(np.abs(ref - mine).max()):.3f}, argmax agreement {agree:.3f}")

    crop_rng = random.Random(args.seed + 1)
    train = [w for d in base.generate("train", args.notes, args.work) for w in base.windows_of(d, tok, tag_id, crop_rng)]
    dev = [w for d in base.generate("dev", 200, args.work) for w in base.windows_of(d, tok, tag_id)]
    base.log(f"{len(train)} train windows, {len(dev)} dev windows")

    rng = random.Random(args.seed)
    hs, fs = score_units(teacher, layers, heads0, ffn0, train, rng, args.score_batches, args.batch)
    keep_heads = [sorted(torch.topk(h, args.heads).indices.tolist()) for h in hs]
    keep_ffn = [sorted(torch.topk(f, args.ffn).indices.tolist()) for f in fs]
    base.log(f"kept heads {keep_heads}")
    kept = args.layers or layers
    student = build_model(vocab, hidden, kept, [args.heads] * kept, head_dim, [args.ffn] * kept, n_labels, eps)
    prune_into(student, teacher, keep_heads, keep_ffn, head_dim)

    class Wrap:  # train.evaluate expects `.logits`
        def __init__(self, m):
            self.m = m

        def __call__(self, input_ids, attention_mask):
            return type("O", (), {"logits": self.m(input_ids, attention_mask)})

        def eval(self):
            self.m.eval()

        def train(self):
            self.m.train()

    base.log("teacher dev piece recall/precision %.4f %.4f" % base.evaluate(Wrap(teacher), dev))
    base.log("pruned, before distillation: %.4f %.4f" % base.evaluate(Wrap(student), dev))

    total = args.max_steps
    opt = torch.optim.AdamW(student.parameters(), lr=args.lr, weight_decay=0.01)
    step = 0
    t0 = time.time()
    student.train()
    done = total == 0 and args.minutes == 0
    budget = None
    while not done:
        for sel in base.batches(train, args.batch, rng):
            if args.minutes and step == 20 and budget is None:
                per = (time.time() - t0) / 20
                budget = max(40, int(args.minutes * 60 / per))
                total = budget
                base.log(f"{per:.2f} s/step -> {total} steps")
            for g in opt.param_groups:
                g["lr"] = base.lr_at(step, total or 10**9, args.lr)
            ids, mask, lab = base.collate(train, sel)
            with torch.no_grad():
                ref = teacher(ids, mask)
            loss = distil_loss(student(ids, mask), ref, lab)
            step = base.optimizer_step(student, opt, loss, step, total)
            if total and step >= total:
                done = True
                break
    base.log("student dev piece recall/precision %.4f %.4f (%d steps)" % (*base.evaluate(Wrap(student), dev), step))
    thresholds = {k: float(v) for k, v in (t.split("=", 1) for t in args.threshold)}
    export(student, args.out, teacher_dir, args.name, thresholds)
    base.log("wrote", args.out / args.name)


if __name__ == "__main__":
    main()
