"""The XLM-R Unigram tokenizer from numpy arrays: loads in milliseconds, same ids as `tokenizers`.

`tokenizers.Tokenizer.from_file(tokenizer.json)` takes 0.45 s and 300 MB to build its
250,002-piece vocabulary; a question needs a handful of pieces. Here the vocabulary is a sorted
array of 64-bit piece hashes written once, at model-build time (`write_vocabulary`), and read
back with `np.load` (`UnigramTokenizer.load`, ~10 ms):

    write_vocabulary(model_dir / "tokenizer.json", folder)   # once: unigram-*.npy, unigram.json
    tokenizer = UnigramTokenizer.load(folder)
    tokenizer.encode("query: 法治")   # -> [0, 41, 1294, 12, 6, ...,  2]: <s> … </s>

Encoding follows `tokenizers` step by step, so the ids are identical (tests/test_onnx_encoder.py
compares them on thousands of real texts):

1. special tokens written in the text ("<s>", "<mask>", …) are split out first, as added tokens;
2. each other part is normalised (the precompiled `nmt_nfkc` charsmap, runs of spaces -> one),
   spaces become "▁", "▁" is put in front unless the part starts with one, and the part splits
   into words before every "▁" (Metaspace);
3. each word is segmented by Viterbi over every vocabulary piece it contains, ties kept by the
   first candidate seen (shorter first), a character no piece starts with becomes `<unk>`
   scored `min(score) - 10`, and runs of `<unk>` inside a word fuse into one;
4. `<s>` + the first 510 ids + `</s>` (truncation at 512, as sentence-transformers does).

Step 3's lookup: the hash of every substring of up to 16 characters (the longest piece) is
computed at once with numpy (Horner's rule over code points, mod 2**64), found with
`searchsorted`, and every hit is checked character by character, so a hash collision can
never produce a wrong piece.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

SPACE = "▁"
UNK_PENALTY = 10.0  # tokenizers' K_UNK_PENALTY
MAX_LENGTH = 512
FILES = (
    "unigram.json",
    "unigram-keys.npy",
    "unigram-ids.npy",
    "unigram-scores.npy",
    "unigram-chars.npy",
    "unigram-starts.npy",
    "unigram-charsmap.bin",
)
_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd, so Horner's rule mixes every character in


def _hashes(chars: NDArray[np.uint32], longest: int) -> list[NDArray[np.uint64]]:
    """Row L-1: the hash of chars[i : i + L] for every start i (length len(chars) - L + 1).

    [a, b] -> [[h(a), h(b)], [h(ab)]] with h(ab) = (a + 1) * BASE + (b + 1), mod 2**64.
    """
    codes = chars.astype(np.uint64) + np.uint64(1)
    rows = [codes]
    with np.errstate(over="ignore"):
        for length in range(2, min(longest, len(codes)) + 1):
            rows.append(rows[-1][:-1] * _BASE + codes[length - 1 :])
    return rows


def _piece_hashes(pieces: list[str]) -> NDArray[np.uint64]:
    """The hash of each whole piece, as `_hashes` computes it inside a text."""
    out = np.zeros(len(pieces), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for number, piece in enumerate(pieces):
            value = np.uint64(0)
            for char in piece:
                value = value * _BASE + np.uint64(ord(char) + 1)
            out[number] = value
    return out


def write_vocabulary(tokenizer_json: Path, folder: Path) -> None:
    """Write the arrays `UnigramTokenizer.load` reads, from a `tokenizers` tokenizer.json with a
    Unigram model, a [Precompiled, Replace] normaliser and special added tokens."""
    import base64

    spec = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    pieces = [piece for piece, _ in spec["model"]["vocab"]]
    scores = np.array([score for _, score in spec["model"]["vocab"]], dtype=np.float64)
    steps = spec["normalizer"]["normalizers"]
    if [s["type"] for s in steps] != ["Precompiled", "Replace"] or len(set(pieces)) != len(pieces):
        raise ValueError(f"{tokenizer_json} is not the XLM-R tokenizer this module reproduces")
    keys = _piece_hashes(pieces)
    order = np.argsort(keys, kind="stable")
    if len(np.unique(keys)) != len(keys):
        raise ValueError("two vocabulary pieces share a hash: change _BASE")
    chars = np.frombuffer("".join(pieces[i] for i in order).encode("utf-32-le"), dtype="<u4")
    starts = np.zeros(len(pieces) + 1, dtype=np.int64)
    starts[1:] = np.cumsum([len(pieces[i]) for i in order])
    np.save(folder / "unigram-keys.npy", keys[order])
    np.save(folder / "unigram-ids.npy", order.astype(np.int32))
    np.save(folder / "unigram-scores.npy", scores)
    np.save(folder / "unigram-chars.npy", chars.astype(np.uint32))
    np.save(folder / "unigram-starts.npy", starts)
    charsmap = base64.b64decode(steps[0]["precompiled_charsmap"])
    (folder / "unigram-charsmap.bin").write_bytes(charsmap)
    specials = {t["content"]: t["id"] for t in spec["added_tokens"] if t["special"]}
    meta = {
        "unk": spec["model"]["unk_id"],
        "bos": specials["<s>"],
        "eos": specials["</s>"],
        "pad": specials["<pad>"],
        "specials": specials,
        "longest": max(map(len, pieces)),
        "spaces": steps[1]["pattern"]["Regex"],
    }
    (folder / "unigram.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


@dataclass(frozen=True)
class UnigramTokenizer:
    keys: NDArray[np.uint64]  # sorted piece hashes
    ids: NDArray[np.int32]  # piece id of each key
    scores: NDArray[np.float64]  # log probability by piece id
    chars: NDArray[np.uint32]  # the pieces' code points, in key order
    starts: NDArray[np.int64]  # piece k is chars[starts[k] : starts[k + 1]]
    normalizer: Any  # tokenizers.normalizers.Sequence([Precompiled, Replace])
    specials: dict[str, int]  # "<s>" -> 0, ...
    split: re.Pattern[str]  # splits special tokens out of a text
    unk: int
    bos: int
    eos: int
    pad: int
    longest: int  # characters in the longest piece (16)
    max_length: int = MAX_LENGTH

    @classmethod
    def load(cls, folder: Path, max_length: int = MAX_LENGTH) -> UnigramTokenizer:
        from tokenizers import Regex, normalizers

        meta = json.loads((folder / "unigram.json").read_text(encoding="utf-8"))
        normalizer = normalizers.Sequence(
            [
                normalizers.Precompiled((folder / "unigram-charsmap.bin").read_bytes()),
                normalizers.Replace(Regex(meta["spaces"]), " "),
            ]
        )
        specials = meta["specials"]
        # Longest first, like the leftmost-longest match of tokenizers' added vocabulary.
        names = sorted(specials, key=len, reverse=True)
        return cls(
            keys=np.load(folder / "unigram-keys.npy"),
            ids=np.load(folder / "unigram-ids.npy"),
            scores=np.load(folder / "unigram-scores.npy"),
            chars=np.load(folder / "unigram-chars.npy"),
            starts=np.load(folder / "unigram-starts.npy"),
            normalizer=normalizer,
            specials=specials,
            split=re.compile("(" + "|".join(map(re.escape, names)) + ")"),
            unk=meta["unk"],
            bos=meta["bos"],
            eos=meta["eos"],
            pad=meta["pad"],
            longest=meta["longest"],
            max_length=max_length,
        )

    def encode(self, text: str) -> list[int]:
        """`<s>` + ids + `</s>`, at most `max_length` in all: "" -> [0, 2]."""
        ids: list[int] = []
        budget = self.max_length - 2
        for part in self.split.split(text):
            if len(ids) >= budget:
                break
            if part in self.specials:
                ids.append(self.specials[part])
            elif part:
                ids.extend(self._segment(part))
        return [self.bos, *ids[:budget], self.eos]

    def _segment(self, part: str) -> list[int]:
        """Ids of one text between special tokens: normalise, Metaspace, Viterbi per word."""
        text = self.normalizer.normalize_str(part).replace(" ", SPACE)
        if not text:
            return []
        if not text.startswith(SPACE):
            text = SPACE + text
        chars = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
        return self._viterbi(text, chars, *self._lattice(chars))

    def _lattice(
        self, chars: NDArray[np.uint32]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
        """(start, length, piece id) of every vocabulary piece inside one word, sorted by start,
        then length. "▁法治" -> starts [0, 0, 1, 1, 2], lengths [1, 2, 1, 2, 1], …"""
        n = len(chars)
        # Characters before the next "▁" after each position: no piece crosses a word boundary.
        spaces = np.flatnonzero(chars == ord(SPACE))
        following = np.append(spaces, n)[np.searchsorted(spaces, np.arange(n), side="right")]
        room = following - np.arange(n)
        starts, lengths, keys = [], [], []
        for size, hashes in enumerate(_hashes(chars, self.longest), start=1):
            inside = np.flatnonzero(room[: len(hashes)] >= size)
            starts.append(inside)
            lengths.append(np.full(len(inside), size))
            keys.append(hashes[inside])
        start, length, key = np.concatenate(starts), np.concatenate(lengths), np.concatenate(keys)
        at = np.searchsorted(self.keys, key)
        at[at == len(self.keys)] = 0
        found = self.keys[at] == key
        start, length, at = start[found], length[found], at[found]
        # Check every hit character by character: equal hashes alone prove nothing.
        same = self.starts[at + 1] - self.starts[at] == length
        for offset in range(self.longest):
            check = same & (offset < length)
            position = np.where(check, start + offset, 0)
            piece = np.where(check, self.starts[at] + offset, 0)
            same &= ~check | (chars[position] == self.chars[piece])
        start, length, piece_id = start[same], length[same], self.ids[at[same]].astype(np.int64)
        order = np.lexsort((length, start))
        return start[order], length[order], piece_id[order]

    def _viterbi(
        self,
        text: str,
        chars: NDArray[np.uint32],
        start: NDArray[np.int64],
        length: NDArray[np.int64],
        piece: NDArray[np.int64],
    ) -> list[int]:
        """The best-scoring segmentation of every word (as `tokenizers`' encode_optimized)."""
        n = len(text)
        unk_score = float(self.scores.min()) - UNK_PENALTY
        # A character that no piece of length 1 covers gets an <unk> candidate (after the
        # pieces that start there: the order of equal scores decides, as in tokenizers).
        single = np.zeros(n, dtype=bool)
        single[start[length == 1]] = True
        lonely = np.flatnonzero(~single)
        start = np.concatenate([start, lonely])
        length = np.concatenate([length, np.ones(len(lonely), dtype=np.int64)])
        weight = np.concatenate([self.scores[piece], np.full(len(lonely), unk_score)])
        piece = np.concatenate([piece, np.full(len(lonely), self.unk)])
        order = np.lexsort((length, start))
        word_start = (chars == ord(SPACE)).tolist()
        best = [0.0] * (n + 1)
        back = [-1] * (n + 1)  # where the best token ending here starts
        token = [0] * (n + 1)  # and its id
        candidates = zip(
            start[order].tolist(),
            length[order].tolist(),
            piece[order].tolist(),
            weight[order].tolist(),
            strict=True,
        )
        for s, size, pid, value in candidates:
            score = (0.0 if word_start[s] else best[s]) + value  # every word is scored from 0
            end = s + size
            if back[end] < 0 or score > best[end]:
                best[end], back[end], token[end] = score, s, pid
        ids: list[int] = []
        end = n
        while end > 0:
            s = back[end]
            # Runs of <unk> inside a word are one <unk> (tokenizers' fuse_unk).
            fused = bool(ids) and token[end] == ids[-1] == self.unk and not word_start[end]
            if not fused:
                ids.append(token[end])
            end = s
        ids.reverse()
        return ids
