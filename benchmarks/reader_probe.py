"""Can the bundled encoder learn to read? A span reader probe on the training splits.

    python benchmarks/reader_probe.py [--layers 2] [--epochs 2] [--work DIR]

A reader would read question and passage together: the answer's start and end in the passage,
and "no answer" (the [CLS] token, as in SQuAD 2.0) when the passage does not hold one. The
only encoder is multilingual-e5-small (12 layers, 384 wide). Its top `--layers` layers are
fine-tuned with a start/end head, the layers below stay frozen: their states are computed once
and cached (`--work`, ~1.8 GB for 2 layers), so training runs through the top layers only.
Two fine-tuned layers in fp16 are 3.5 MB, inside the 5 MB limit for fitted files.

Data: CMRC 2018 trial + DRCD test (the training splits), nothing else. Each question gives
- an answerable pair: "query: Q" + "passage: P", P its gold paragraph cut to 200 characters
  around the answer;
- an unanswerable pair: the same question with a paragraph that does not hold the answer, half
  the time the sibling paragraph of its article that shares most character bigrams with the
  question, otherwise the paragraph of its split that shares most.
One article in ten (crc32 of its id) is held out; the others train. Reported on the held-out
articles: span character-F1 (`assistant eval`'s highlight F1, the CMRC metric) and exact match
on answerable pairs, the AUC of the no-answer score (answerable against unanswerable), and the
share of unanswerable pairs refused when 1 % / 5 % of the answerable ones are. Deterministic
seeds; about 15 min to encode and 16 min to train on 2 cores (docs/evaluation.md, "A reader
fine-tuned from the encoder").
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.evaluation.metrics import char_f1  # noqa: E402
from assistant.model.build import ensure_default_model  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SPLITS = {"c": DATA / "cmrc2018" / "cmrc2018_trial.json", "d": DATA / "drcd" / "DRCD_test.json"}
MAXLEN = 256
WINDOW = 200  # characters of passage around the answer
LONGEST = 30  # tokens in an answer span
PREFIX = len("passage: ")


def load(path: Path, tag: str) -> list[dict[str, Any]]:
    out = []
    for ai, art in enumerate(json.loads(path.read_text(encoding="utf-8"))["data"]):
        paras = [p["context"] for p in art["paragraphs"]]
        for p in art["paragraphs"]:
            for qa in p["qas"]:
                a = qa["answers"][0]
                out.append(
                    {"tag": tag, "art": f"{tag}{ai}", "q": qa["question"], "ctx": p["context"],
                     "start": a["answer_start"], "text": a["text"], "siblings": paras}
                )  # fmt: skip
    return out


def bigrams(s: str) -> set[str]:
    s = re.sub(r"\s", "", s)
    return {s[i : i + 2] for i in range(len(s) - 1)}


def window(ctx: str, start: int, text: str) -> tuple[str, int]:
    """About WINDOW characters of `ctx` holding the answer at a random place."""
    if len(ctx) <= WINDOW:
        return ctx, start
    if len(text) < WINDOW:
        lo = max(0, min(start - random.randint(0, WINDOW - len(text)), len(ctx) - WINDOW))
    else:
        lo = start
    return ctx[lo : lo + WINDOW], start - lo


def pairs() -> list[dict[str, Any]]:
    examples = [ex for tag, path in SPLITS.items() for ex in load(path, tag)]
    pools = {t: sorted({ex["ctx"] for ex in examples if ex["tag"] == t}) for t in SPLITS}
    pool_bigrams = {t: [bigrams(p) for p in v] for t, v in pools.items()}

    def negative(ex: dict[str, Any]) -> str:
        qb = bigrams(ex["q"])
        cands = [
            (len(qb & bg), p)
            for p, bg in zip(pools[ex["tag"]], pool_bigrams[ex["tag"]], strict=True)
            if p != ex["ctx"] and ex["text"] not in p
        ]
        cands.sort(key=lambda x: -x[0])
        sib = [p for p in ex["siblings"] if p != ex["ctx"] and ex["text"] not in p]
        if sib and random.random() < 0.5:
            return max(sib, key=lambda p: len(qb & bigrams(p)))
        return str(cands[0][1])

    rows = []
    for ex in examples:
        c, s = window(ex["ctx"], ex["start"], ex["text"])
        rows.append({"art": ex["art"], "q": ex["q"], "p": c, "s": s, "e": s + len(ex["text"]),
                     "text": ex["text"], "pos": 1})  # fmt: skip
        n = negative(ex)
        nc, _ = window(n, random.randint(0, max(0, len(n) - 1)), "")
        rows.append({"art": ex["art"], "q": ex["q"], "p": nc, "s": -1, "e": -1, "text": "",
                     "pos": 0})  # fmt: skip
    return rows


def encode(rows: list[dict[str, Any]], model: Any, tok: Any, layers: int) -> dict[str, np.ndarray]:
    """The frozen states below the top `layers` layers, token offsets and gold token spans."""
    n = len(rows)
    ids = np.zeros((n, MAXLEN), np.int32)
    mask = np.zeros((n, MAXLEN), np.int8)
    offs = np.full((n, MAXLEN, 2), -1, np.int32)
    ys = np.zeros((n, 2), np.int32)
    states = np.zeros((n, MAXLEN, 384), np.float16)
    started = time.time()
    for b in range(0, n, 16):
        batch = rows[b : b + 16]
        enc = tok(["query: " + r["q"] for r in batch], ["passage: " + r["p"] for r in batch],
                  truncation="only_second", max_length=MAXLEN, padding="max_length",
                  return_offsets_mapping=True, return_tensors="pt")  # fmt: skip
        with torch.no_grad():
            out = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                        output_hidden_states=True)  # fmt: skip
        h = out.hidden_states[12 - layers].numpy().astype(np.float16)
        for j, r in enumerate(batch):
            i = b + j
            ids[i] = enc["input_ids"][j].numpy()
            mask[i] = enc["attention_mask"][j].numpy()
            states[i] = h[j]
            st = en = 0
            seq = enc.sequence_ids(j)
            spans = enc["offset_mapping"][j].tolist()
            for t, (sid, (a, z)) in enumerate(zip(seq, spans, strict=True)):
                if sid != 1 or z <= PREFIX:
                    continue
                a, z = max(a - PREFIX, 0), z - PREFIX
                offs[i, t] = (a, z)
                if r["pos"]:
                    if a <= r["s"] < z or (st == 0 and a >= r["s"]):
                        st = st or t
                    if a < r["e"]:
                        en = t
            if r["pos"] and st and en >= st:
                ys[i] = (st, en)
        if b % 1600 == 0:
            print(f"encoded {b}/{n} in {time.time() - started:.0f} s", flush=True)
    return {"ids": ids, "mask": mask, "offs": offs, "ys": ys, "states": states}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layers", type=int, default=2, help="top layers fine-tuned")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--work", type=Path, help="keep the cached states here for reruns")
    args = parser.parse_args()
    from sklearn.metrics import roc_auc_score
    from transformers import AutoModel, AutoTokenizer

    random.seed(0)
    torch.manual_seed(0)
    torch.set_num_threads(2)
    folder = ensure_default_model()
    tok = AutoTokenizer.from_pretrained(folder)
    model = AutoModel.from_pretrained(folder, attn_implementation="eager").eval()
    rows = pairs()
    with tempfile.TemporaryDirectory() as scratch:
        cache = (args.work or Path(scratch)) / f"reader-states-{args.layers}.npz"
        if cache.is_file():
            z = dict(np.load(cache))
        else:
            cache.parent.mkdir(parents=True, exist_ok=True)
            z = encode(rows, model, tok, args.layers)
            np.savez(cache, **z)
    torch.manual_seed(0)
    top = torch.nn.ModuleList([model.encoder.layer[i] for i in range(12 - args.layers, 12)])
    head = torch.nn.Linear(384, 2)
    opt = torch.optim.AdamW(
        [{"params": head.parameters(), "lr": 1e-3}, {"params": top.parameters(), "lr": 5e-5}],
        weight_decay=0.01,
    )
    states = torch.from_numpy(z["states"])
    mask = torch.from_numpy(z["mask"].astype(np.int64))
    offs = z["offs"]
    ys = torch.from_numpy(z["ys"].astype(np.int64))
    passage = torch.from_numpy(offs[:, :, 0] >= 0)
    allowed = passage.clone()
    allowed[:, 0] = True
    positive = np.array([r["pos"] for r in rows])
    held = np.array([zlib.crc32(r["art"].encode()) % 10 == 0 for r in rows])
    lost = (positive == 1) & (z["ys"][:, 0] == 0)  # the answer fell outside the tokens
    train = np.where(~held & ~lost)[0]
    test = np.where(held)[0]
    print(f"{len(train)} training pairs, {len(test)} held-out pairs", flush=True)

    def logits(idx: np.ndarray, training: bool) -> tuple[torch.Tensor, torch.Tensor]:
        h = states[idx].float()
        ext = (1.0 - mask[idx][:, None, None, :].float()) * -1e9
        top.train(training)
        for layer in top:
            h = layer(h, ext)
        out = head(h)
        keep = allowed[idx]
        return out[..., 0].masked_fill(~keep, -1e9), out[..., 1].masked_fill(~keep, -1e9)

    total = args.epochs * (len(train) // 32)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda k: min(1.0, k / 100) * max(0.0, 1 - k / total)
    )
    started, step = time.time(), 0
    for epoch in range(args.epochs):
        order = np.random.RandomState(epoch).permutation(train)
        for b in range(0, len(order) - 31, 32):
            idx = order[b : b + 32]
            s, e = logits(idx, True)
            ce = torch.nn.functional.cross_entropy
            loss = ce(s, ys[idx, 0]) + ce(e, ys[idx, 1])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.3f} "
                      f"({time.time() - started:.0f} s)", flush=True)  # fmt: skip

    no_answer, labels, f1, exact = [], [], [], []
    with torch.no_grad():
        for b in range(0, len(test), 64):
            idx = test[b : b + 64]
            s, e = logits(idx, False)
            for j, i in enumerate(idx):
                sj, ej = s[j].numpy(), e[j].numpy()
                best, bi, bj = -1e18, 0, 0
                for a in np.where(passage[i].numpy())[0]:
                    k = int(np.argmax(ej[a : a + LONGEST]))
                    if sj[a] + ej[a + k] > best:
                        best, bi, bj = sj[a] + ej[a + k], a, a + k
                no_answer.append(sj[0] + ej[0] - best)
                labels.append(rows[i]["pos"])
                if rows[i]["pos"]:
                    text = rows[i]["p"][offs[i, bi, 0] : offs[i, bj, 1]]
                    f1.append(char_f1(text, rows[i]["text"]))
                    exact.append(text.strip() == rows[i]["text"].strip())
    na, lab = np.array(no_answer), np.array(labels)
    result = {
        "layers": args.layers,
        "epochs": args.epochs,
        "steps": step,
        "final_loss": round(float(loss.item()), 3),
        "span_f1": round(float(np.mean(f1)), 3),
        "exact_match": round(float(np.mean(exact)), 3),
        "no_answer_auc": round(float(roc_auc_score(lab, -na)), 3),
        "refused_at_1pct": round(float(np.mean(na[lab == 0] > np.quantile(na[lab == 1], 0.99))), 3),
        "refused_at_5pct": round(float(np.mean(na[lab == 0] > np.quantile(na[lab == 1], 0.95))), 3),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
