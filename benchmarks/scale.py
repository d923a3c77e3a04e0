"""Scale: the 52 national government work reports, then synthetic growth to 100,000 chunks.

    python benchmarks/scale.py [--sizes 6000,12500,25000,50000,100000] [--json OUT] [--plot PNG]

Part 1 indexes every record of ../shared/data/gov-work-reports through the real pipeline
(repair, chunks, embeddings, FAISS, BM25) and reports build time, throughput, index size
on disk, peak memory and query latency (through `Engine.ask`, real model).
Part 2 grows that corpus synthetically: real chunk texts repeated, their real vectors
jittered and re-normalised, so FAISS and BM25 see realistic data at every size. For each
size it reports the time to build the keyword and vector indexes, their memory, the full
query latency of the hybrid searcher with a flat index and with HNSW, and HNSW/IVF
recall@10 against exact (flat) search. Embedding time at that size is extrapolated from
the measured throughput of part 1 (embedding 100k chunks on 2 cores takes about an hour).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import faiss
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.engine import Engine  # noqa: E402
from assistant.index.store import Index  # noqa: E402
from assistant.retrieval.search import Searcher  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "gov-work-reports" / "government_work_reports.jsonl"
QUESTIONS = [
    "今年国内生产总值增长的预期目标是多少？",
    "城镇新增就业目标是多少万人？",
    "居民消费价格涨幅预期是多少？",
    "如何推进乡村振兴？",
    "财政赤字率拟按多少安排？",
    "怎样加强生态环境保护？",
    "第一个五年计划的主要任务是什么？",
    "改革开放以来取得了哪些成就？",
    "如何深化国有企业改革？",
    "粮食产量达到多少？",
    "How will the government support small businesses?",
    "今後的外交政策是什麼？",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def real_corpus(tmp: Path) -> tuple[Engine, dict[str, float]]:
    source = tmp / "source"
    source.mkdir(exist_ok=True)
    paragraphs = 0
    for i, line in enumerate(DATA.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        name = f"{i:02d}-{record.get('year') or 'resolution'}.txt"
        (source / name).write_text(record["content"], encoding="utf-8")
        paragraphs += sum(1 for block in record["content"].split("\n\n") if block.strip())
    settings = Settings(source_dir=source, index_dir=tmp / "index", progress=True)
    started = time.perf_counter()
    engine = Engine.open(settings)
    build = time.perf_counter() - started
    engine.ask(QUESTIONS[0])
    latencies = []
    for _ in range(3):
        for question in QUESTIONS:
            t0 = time.perf_counter()
            engine.ask(question)
            latencies.append((time.perf_counter() - t0) * 1000)
    figures = {
        "documents": len(engine.index.documents),
        "paragraphs": len(engine.index.paragraphs),
        "chunks": len(engine.index.chunks),
        "build_s": round(build, 1),
        "paragraphs_per_s": round(len(engine.index.paragraphs) / build, 1),
        "chunks_per_s": round(len(engine.index.chunks) / build, 1),
        "index_mib": round(dir_size(engine.index.path) / 2**20, 1),
        "peak_rss_mib": round(rss_mib()),
        "query_p50_ms": round(statistics.median(latencies), 1),
        "query_p95_ms": round(percentile(latencies, 0.95), 1),
    }
    return engine, figures


def synthetic(engine: Engine, size: int, rng: np.random.Generator) -> Index:
    base = engine.index
    repeat = -(-size // len(base.chunks))
    chunks = tuple(
        replace(c, id=i, document=f"{c.document}#{i // len(base.chunks)}")
        for i, c in enumerate((base.chunks * repeat)[:size])
    )
    vectors = np.tile(base.vectors, (repeat, 1))[:size].copy()
    vectors[len(base.chunks) :] += rng.normal(0, 0.02, vectors[len(base.chunks) :].shape)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors.astype(np.float32)
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    # Each copy of a chunk keeps its sentence vectors (Engine.ask reads them for English).
    counts = np.tile(np.diff(base.sentence_offsets), repeat)[:size]
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    sentences = np.tile(base.sentences, (repeat, 1))[: offsets[-1]]
    return replace(
        base, chunks=chunks, vectors=vectors, faiss_index=flat, documents=(),
        sentences=sentences, sentence_offsets=offsets,
    )  # fmt: skip


def make_ann(vectors: np.ndarray, kind: str) -> tuple[faiss.Index, float]:
    """An HNSW (M=32, efSearch=64) or IVF (4*sqrt(n) lists, nprobe=16) index and its build time."""
    d = vectors.shape[1]
    started = time.perf_counter()
    if kind == "hnsw":
        ann = faiss.IndexHNSWFlat(d, 32, faiss.METRIC_INNER_PRODUCT)
        ann.hnsw.efConstruction = 80
        ann.add(vectors)
        ann.hnsw.efSearch = 64
    else:
        quantizer = faiss.IndexFlatIP(d)
        ann = faiss.IndexIVFFlat(
            quantizer, d, int(4 * np.sqrt(len(vectors))), faiss.METRIC_INNER_PRODUCT
        )
        ann.train(vectors)
        ann.add(vectors)
        ann.nprobe = 16
    return ann, time.perf_counter() - started


def search_ms_and_recall(
    index: Index, ann: faiss.Index, queries: np.ndarray
) -> tuple[float, float]:
    """(search ms per query, recall@10 against exact flat search)."""
    _, exact = index.faiss_index.search(queries, 10)
    started = time.perf_counter()
    _, found = ann.search(queries, 10)
    per_query = (time.perf_counter() - started) * 1000 / len(queries)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(exact, found, strict=True)])
    return per_query, float(recall)


def hybrid_latency(searcher: Searcher) -> tuple[float, float]:
    latencies = []
    for _ in range(3):
        for question in QUESTIONS:
            started = time.perf_counter()
            searcher.search(question, 3)
            latencies.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(latencies), 1), round(percentile(latencies, 0.95), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="6000,12500,25000,50000,100000")
    parser.add_argument("--json", type=Path, default=ROOT / "docs" / "benchmarks" / "scale.json")
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "benchmarks" / "scale.png")
    parser.add_argument(
        "--work",
        type=Path,
        help="keep the corpus and its index here and reuse them on the next run "
        "(build figures then measure loading, not building)",
    )
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        engine, real = real_corpus(work)
        print(json.dumps({"real": real}, ensure_ascii=False, indent=2), flush=True)
        queries = engine.embedder.encode_queries(QUESTIONS).astype(np.float32)
        rows = []
        for size in [int(s) for s in args.sizes.split(",")]:
            index = synthetic(engine, size, rng)
            t0 = time.perf_counter()
            searcher = Searcher(index, engine.embedder, engine.settings.search)
            keyword_build = time.perf_counter() - t0
            row: dict[str, float] = {"chunks": size, "keyword_build_s": round(keyword_build, 2)}
            row["query_p50_ms_flat"], row["query_p95_ms_flat"] = hybrid_latency(searcher)
            for kind in ("hnsw", "ivf"):
                ann, build = make_ann(index.vectors, kind)
                per_query, recall = search_ms_and_recall(index, ann, queries)
                row[f"{kind}_build_s"] = round(build, 2)
                row[f"{kind}_search_ms"] = round(per_query, 2)
                row[f"{kind}_recall@10"] = round(recall, 4)
                if kind == "hnsw":
                    searcher.index = replace(index, faiss_index=ann)
                    row["query_p50_ms_hnsw"], row["query_p95_ms_hnsw"] = hybrid_latency(searcher)
                    searcher.index = index
            t2 = time.perf_counter()
            index.faiss_index.search(queries, 10)
            row["flat_search_ms"] = round((time.perf_counter() - t2) * 1000 / len(queries), 2)
            row["vectors_mib"] = round(index.vectors.nbytes / 2**20, 1)
            row["embed_s_extrapolated"] = round(size / real["chunks_per_s"], 0)
            row["peak_rss_mib"] = round(rss_mib())
            rows.append(row)
            print(json.dumps(row), flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"real": real, "synthetic": rows}, indent=2), "utf-8")
    try:
        plot(rows, args.plot)
    except ImportError:
        print(f"wrote {args.json} (no plot: pip install matplotlib for {args.plot})")
        return
    print(f"wrote {args.json} and {args.plot}")


def plot(rows: list[dict[str, float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["chunks"] for r in rows]
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(sizes, [r["query_p50_ms_flat"] for r in rows], "o-", label="hybrid query p50, flat")
    left.plot(sizes, [r["query_p50_ms_hnsw"] for r in rows], "s-", label="hybrid query p50, HNSW")
    left.plot(sizes, [r["flat_search_ms"] for r in rows], "^--", label="FAISS flat search only")
    left.plot(sizes, [r["hnsw_search_ms"] for r in rows], "v--", label="FAISS HNSW search only")
    left.axhline(50, color="grey", linewidth=0.8, linestyle=":", label="50 ms target")
    left.set_xlabel("chunks")
    left.set_ylabel("ms per question (2 cores)")
    left.legend(fontsize=8)
    right.plot(sizes, [r["hnsw_recall@10"] for r in rows], "s-", label="HNSW M=32 ef=64")
    right.plot(sizes, [r["ivf_recall@10"] for r in rows], "d-", label="IVF nprobe=16")
    right.set_xlabel("chunks")
    right.set_ylabel("recall@10 vs exact search")
    right.legend(fontsize=8)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)


if __name__ == "__main__":
    main()
