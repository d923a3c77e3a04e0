"""SentencePiece's precompiled charsmap, compiled from the weight file's normalization table.

The XLM-R tokenizer normalizes text with `nmt_nfkc`; the `tokenizers` library takes those
rules as a "precompiled charsmap": a darts-clone double-array trie over the UTF-8 of every
string that changes, followed by the replacement strings. This module builds both from the
table, so the tokenizer reproduces the reference token ids exactly (tests/test_model.py).

    rules = normalization_rules(checkpoint.normalization)   # {'①': '1', 'ﬁ': 'fi', ...}
    charsmap = compile_charsmap(rules)                      # bytes for normalizers.Precompiled
"""

import itertools
import struct
import unicodedata
from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from assistant.errors import AssistantError

_TRIE_CAPACITY = 1 << 21  # darts-clone offsets below 2**21 fit a unit without extension
_WINDOW = 4096  # candidate bases tested at once while placing a trie node


def normalization_rules(table: Mapping[str, str]) -> dict[str, str]:
    """SentencePiece's `nmt_nfkc` rules, as its builder derives them, from the file's table.

    The table gives every single code point whose normalized form differs (NFKC plus the nmt
    extras: control characters dropped, odd spaces -> " "), as of the Unicode version the
    reference tokenizer was built with. Sequences that NFC composes are added here the way
    sentencepiece's builder adds them: every spelling of a decomposed character whose pieces
    normalize to the same code points ("e" + U+0301 or "ｅ" + U+0301 -> "é"), kept only when
    the shorter rules would not already produce the same result. Code points the table does not
    know (newer Unicode) are not used to spell sequences.
    """
    spellings: dict[str, set[str]] = {}  # one NFKD code point -> code points that decompose to it
    decomposed: set[str] = set()
    for code_point in range(1, 0x110000):
        char = chr(code_point)
        if 0xD800 <= code_point < 0xE000 or unicodedata.category(char) == "Cn":
            continue
        nfkd = unicodedata.normalize("NFKD", char)
        if len(nfkd) > 1:
            decomposed.add(nfkd)
        elif nfkd == char or char in table:
            spellings.setdefault(nfkd, set()).add(char)
    sequences: dict[str, str] = {}
    for nfkd in decomposed:
        composed = unicodedata.normalize("NFC", nfkd)
        if composed == nfkd:
            continue
        for spelling in itertools.product(*(sorted(spellings.get(c, {c})) for c in nfkd)):
            key = "".join(spelling)
            if key != composed:
                sequences[key] = composed

    rules = dict(table)
    for length in range(2, max(map(len, sequences), default=1) + 1):
        for key, value in sequences.items():
            if len(key) == length and _apply(rules, key, length - 1) != value:
                rules[key] = value
    return rules


def _apply(rules: Mapping[str, str], text: str, longest: int) -> str:
    """Greedy longest-match rewrite with keys of at most `longest` characters."""
    out, i = [], 0
    while i < len(text):
        for j in range(min(i + longest, len(text)), i, -1):
            if text[i:j] in rules:
                out.append(rules[text[i:j]])
                i = j
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def compile_charsmap(rules: Mapping[str, str]) -> bytes:
    """A SentencePiece precompiled charsmap: u32 trie size, a darts-clone double array over the
    UTF-8 keys, then the NUL-terminated normalized strings the trie's values point into.

    The double array is built over the minimal DAWG of the keys: identical subtrees (same
    labels, children and value) share one block of units. Each unit is
    `label | has_leaf << 8 | offset << 10`; a node's child with byte c sits at
    `position ^ offset ^ c`, and its value (`value | 1 << 31`) at `position ^ offset`.
    """
    blob = bytearray()
    value_of: dict[str, int] = {}
    for normalized in sorted(set(rules.values())):
        value_of[normalized] = len(blob)
        blob += normalized.encode("utf-8") + b"\0"

    # A trie as nested dicts, then hash-consed bottom-up: node id -> (value, ((label, id), ...)).
    trie: dict[int, Any] = {}
    for key, normalized in rules.items():
        node = trie
        for byte in key.encode("utf-8"):
            node = node.setdefault(byte, {})
        node[-1] = value_of[normalized]
    nodes: list[tuple[int, tuple[tuple[int, int], ...]]] = []
    ids: dict[tuple[int, tuple[tuple[int, int], ...]], int] = {}

    def intern(node: dict[int, Any]) -> int:
        children = tuple(
            (label, intern(child)) for label, child in sorted(node.items()) if label >= 0
        )
        signature = (node.get(-1, -1), children)
        if signature not in ids:
            ids[signature] = len(nodes)
            nodes.append(signature)
        return ids[signature]

    root = intern(trie)

    # Place each node's block at a base where all its slots (child labels; 0 for a value) are
    # free. `base ^ slot` stays inside base's aligned 256-block, so whole windows of candidate
    # bases are tested at once. Nodes with the most children go first; like darts-clone, only
    # the last few blocks before the frontier are searched for them (the rest is nearly full).
    used = np.zeros(_TRIE_CAPACITY, dtype=bool)
    used[0] = True  # the root's own unit
    taken = np.zeros(_TRIE_CAPACITY, dtype=bool)  # bases already given to a node
    base_of = [0] * len(nodes)
    first_free, frontier = 1, 1
    for node_id in sorted(range(len(nodes)), key=lambda n: -len(nodes[n][1])):
        value, children = nodes[node_id]
        slots = np.array([label for label, _ in children] + ([0] if value >= 0 else []))
        while used[first_free]:
            first_free += 1
        base = _find_base(used, taken, slots, first_free, max(first_free, frontier - _WINDOW))
        taken[base] = True
        used[base ^ slots] = True
        base_of[node_id] = base
        frontier = max(frontier, (base | 255) + 1)
    size = int(np.flatnonzero(used)[-1]) + 1
    units = np.zeros(size, dtype=np.uint32)
    units[0] = base_of[root] << 10
    for node_id, (value, children) in enumerate(nodes):
        base = base_of[node_id]
        if value >= 0:
            units[base] = value | 1 << 31
        for label, child in children:
            has_leaf = nodes[child][0] >= 0
            units[base ^ label] = label | has_leaf << 8 | ((base ^ label) ^ base_of[child]) << 10
    return struct.pack("<I", units.nbytes) + units.astype("<u4").tobytes() + bytes(blob)


def _find_base(
    used: NDArray[np.bool_],
    taken: NDArray[np.bool_],
    slots: NDArray[np.int64],
    first_free: int,
    search_from: int,
) -> int:
    """The lowest base (from search_from's 256-block on) not taken whose `base ^ slot` are free;
    a single slot simply takes the first free unit."""
    if len(slots) == 1 and not taken[first_free ^ slots[0]]:
        return first_free ^ int(slots[0])  # the common case: a single child or a lone value
    for start in range(search_from & ~255, _TRIE_CAPACITY - _WINDOW + 1, _WINDOW):
        bases = np.arange(start, start + _WINDOW)
        free = ~taken[start : start + _WINDOW] & ~used[bases[:, None] ^ slots].any(axis=1)
        hit = int(free.argmax())
        if free[hit]:
            return start + hit
    raise AssistantError("Normalization rules too large for the charsmap's trie.")
