"""Where the site's byte-level damage is in a line, and which bytes it stood for.

A damaged run always starts with '?' (a lead byte the decoder met next to an inserted ASCII
byte) and runs, one byte out of step, to the ASCII byte that put the decoder back in step:
    '建設?,F(xiàn)將'   '到?jīng)Q策'   '?。ㄈ┩七M(jìn)行'   '日??己酥贫龋ㄟ^(guò)組'
`templates` turns a run back into the bytes the site started from, as `bytesearch` atoms:
inserted pinyin and commas out, half-width marks widened, holes where bytes were eaten,
gaps where the decoder may have dropped unassigned pairs, e.g. for '?,F(xiàn)':
    [lost] [a3 ac = '，'] [46 = 'F', pinned: (byte before, 46) reads xiàn]
A '?' may also be a real question mark, a ',' before a hole a real '，' cut in half, and
'?jīng)' may hide two lost bytes; each template is one way to read those choices.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.text.mojibake import gbk
from assistant.text.mojibake.bytesearch import Atom
from assistant.text.pinyin import SYLLABLE, is_reading

MAX_WINDOW = 24  # tokens; longer runs are left alone
MAX_CHOICES = 3  # yes/no choices per run tried both ways; beyond that, the usual reading

_TOKEN = re.compile(rf"(\?({SYLLABLE})\))|(\(({SYLLABLE})\))|(.)", re.S)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str  # the character, or the raw '?jīng)' / '(xiàn)'
    syllable: str = ""  # for '?jīng)' and '(xiàn)'
    reading: bool = False  # a '(xiàn)' that reads the character before it

    @property
    def is_char(self) -> bool:
        return not self.syllable

    @property
    def wide(self) -> bool:
        return self.is_char and not self.text.isascii()

    @property
    def hole(self) -> bool:
        """'?' or '?jīng)': where the decoder ate a byte."""
        return self.text == "?" or (self.text.startswith("?") and bool(self.syllable))


@dataclass(frozen=True)
class Window:
    first: int  # token indexes [first, last)
    last: int


def tokens(line: str) -> list[Token]:
    """'鎮(zhèn)?jīng)Q' -> 鎮, (zhèn) [reading], ?jīng), Q."""
    out: list[Token] = []
    for match in _TOKEN.finditer(line):
        start, end = match.span()
        if match.group(1):
            out.append(Token(start, end, match.group(1), match.group(2)))
        elif match.group(3):
            before = out[-1] if out else None
            reads = bool(before and before.wide and is_reading(before.text, match.group(4)))
            out.append(Token(start, end, match.group(3), match.group(4), reads))
        else:
            out.append(Token(start, end, match.group(5)))
    return out


def _previous(toks: Sequence[Token], index: int) -> Token | None:
    """The character before toks[index], skipping pinyin readings."""
    index -= 1
    while index >= 0 and toks[index].reading:
        index -= 1
    return toks[index] if index >= 0 else None


def annotated(toks: Sequence[Token], index: int) -> bool:
    return index + 1 < len(toks) and toks[index + 1].reading


def windows(toks: Sequence[Token]) -> list[Window]:
    """Damaged runs: (stray commas,) a hole, junk ('?', ',', pinyin), out-of-step characters,
    then the ASCII byte (or hole) that put the decoder back in step, with pinyin after it."""
    found: list[Window] = []
    i = 0
    while i < len(toks):
        first = i
        while first > 0 and toks[first - 1].text == "," and (not found or found[-1].last < first):
            first -= 1  # ',' before the hole: a stray comma or a '，' cut in half
        before = _previous(toks, first)
        if not toks[i].hole or (before is not None and not before.wide and not toks[i].syllable):
            i += 1
            continue
        j = i + 1
        while j < len(toks) and (toks[j].hole or toks[j].text in ",;:" or toks[j].syllable):
            j += 1
        while j < len(toks) and toks[j].wide and not annotated(toks, j):
            j += 1
        if j < len(toks) and (
            toks[j].hole or (toks[j].text.isascii() and toks[j].text not in " ()")
        ):
            j += 1
        while j < len(toks) and toks[j].syllable and not toks[j].reading:
            j += 1
        if j - first <= MAX_WINDOW:
            found.append(Window(first, j))
        i = j
    return found


# --- the bytes the site started from ------------------------------------------------------

# (kind, text, reading). kind: "lost" (a byte the decoder ate), "char" (a character the
# decoder read, maybe out of step), "ascii" (one byte), "mark" (a full-width mark restored).
_Item = tuple[str, str, str | None]


def _items(toks: Sequence[Token], window: Window, choices: Sequence[bool]) -> list[_Item] | None:
    """The window as the site's input, before its commas and pinyin went in. `choices` say,
    in order, for each '?' whether it is a hole (or a question mark), for each '?jīng)'
    whether it lost one byte (or two: a later step ate the '?' an earlier one printed), and
    for each ',' right before a hole whether it is a stray comma (or a '，')."""
    items: list[_Item] = []
    bits = iter(choices)
    for tok in toks[window.first : window.last]:
        if tok.syllable and not tok.hole:  # '(xiàn)' after a byte: pins that byte
            if not items or items[-1][2] is not None or items[-1][0] == "lost":
                return None
            items[-1] = (items[-1][0], items[-1][1], tok.syllable)
        elif tok.hole and tok.syllable:  # '?jīng)': a lost byte, then '(' eaten
            items += (
                [("lost", "", tok.syllable)]
                if next(bits)
                else [("lost", "", None), ("lost", "", tok.syllable)]
            )
        elif tok.text == "?":
            items += (
                [("lost", "", None), ("ascii", ",", None)] if next(bits) else [("mark", "？", None)]
            )
        else:
            items.append(("ascii" if tok.text.isascii() else "char", tok.text, None))
    return _unpunctuate(items, bits)


def _choices(toks: Sequence[Token], window: Window) -> int:
    """How many yes/no choices `_items` takes for this window."""
    run = toks[window.first : window.last]
    marks = sum(1 for tok in run if tok.hole)
    commas = sum(1 for tok, after in itertools.pairwise(run) if tok.text == "," and after.hole)
    return marks + commas


_ABSORBING = {gbk.encode("、"), gbk.encode("。")}
_WIDER = {";": "；", ":": "：", "?": "？"}


def _unpunctuate(items: list[_Item], bits: Iterator[bool]) -> list[_Item]:
    """Undo the comma step: ',,' -> '，', ',' before ;?:、。 goes, a lone ',' -> '，'; before
    a lost byte, `bits` decides."""
    out: list[_Item] = []
    for k, (kind, text, reading) in enumerate(items):
        if kind == "ascii" and text == ",":
            after = items[k + 1] if k + 1 < len(items) else None
            if after and after[0] == "ascii" and after[1] == ",":
                continue  # the first of ',,' is the stray one
            if after and after[0] == "lost" and next(bits, True):
                continue
            if after and (after[1] in ";:?？" or gbk.encode(after[1])[:2] in _ABSORBING):
                continue
            out.append(("mark", "，", reading))
        elif kind == "ascii" and text in _WIDER:
            out.append(("mark", _WIDER[text], reading))
        else:
            out.append((kind, text, reading))
    return out


def _atoms(items: Sequence[_Item], part: int = 1) -> list[Atom]:
    """Bytes, with a gap (room for dropped pairs) before every out-of-step unit."""
    atoms: list[Atom] = []
    for k, (kind, text, reading) in enumerate(items):
        if k and part == 1 and items[k - 1][0] in ("lost", "char"):
            atoms.append(Atom("gap"))
        if kind == "lost":
            atoms.append(Atom("lost", reading=reading, part=part))
            continue
        code = gbk.encode(text)
        atoms += [Atom("known", byte, part=part) for byte in code[:-1]]
        atoms.append(Atom("known", code[-1], reading=reading, part=part))
    return atoms


def context(toks: Sequence[Token], index: int, step: int, limit: int) -> list[int]:
    """Indexes of up to `limit` clean wide characters next to a window, nearest first."""
    found: list[int] = []
    while 0 <= index < len(toks) and len(found) < limit:
        tok = toks[index]
        if tok.reading:
            index += step
            continue
        if not tok.wide or tok.text == "?":
            break
        found.append(index)
        index += step
    return found


def templates(toks: Sequence[Token], window: Window) -> list[list[Atom]]:
    """The window's bytes under every combination of choices (all usual, when too many)."""
    count = _choices(toks, window)
    combos = (
        [(True,) * count]
        if count > MAX_CHOICES
        else list(itertools.product((True, False), repeat=count))
    )
    out: list[list[Atom]] = []
    for choices in combos:
        items = _items(toks, window, choices)
        if items is not None:
            out.append(_atoms(items))
    return out


def context_atoms(toks: Sequence[Token], indexes: Sequence[int], part: int) -> list[Atom]:
    """Clean characters next to a window, as known bytes of `part` (0 left, 2 right)."""
    return _atoms([("char", toks[k].text, None) for k in indexes], part=part)
