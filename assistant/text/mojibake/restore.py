"""Undo the GBK mojibake the site's byte-level find-and-replace left in a document.

For each damaged run (`damaged`), candidate readings of the bytes behind it come from a
beam search (`bytesearch`) scored by the document's own character model; a reading is
accepted only when the site's process (`damage`) turns it, with its clean context, back
into exactly what we see, and the survivors are compared in context by a trigram model
and jieba's word model:
    '建設?,F(xiàn)將' -> '建設。現將'      '日??己酥贫龋ㄟ^(guò)組' -> '日常考核制度，通過組'
A heading whose number's bytes were lost gets the number its neighbours imply, with a note.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.text.mojibake import simulate
from assistant.text.mojibake.bytesearch import DROP_COST, Atom, Candidate, Search
from assistant.text.mojibake.charmodel import EDGE, CharModel
from assistant.text.mojibake.gbk_chars import foreign, simplified
from assistant.text.mojibake.heading_numbers import SECOND_LEVEL, implied_number, numeral_text
from assistant.text.mojibake.locate import (
    Token,
    Window,
    annotated,
    context,
    context_atoms,
    templates,
    tokens,
    windows,
)
from assistant.text.mojibake.words import char_probability, follow_probability, text_logp
from assistant.text.pinyin import annotation_table, strip_readings
from assistant.text.punctuation import normalise
from assistant.text.script import to_simplified

CONTEXT = 3  # clean characters each side when re-damaging a reading
VERIFY = 32  # readings re-damaged per run, at most
MARGIN = 10.0  # readings this far below the first verified one are not compared
WORD_WEIGHT = 0.5  # weight of jieba's word-level log-probability in the final comparison
HEADING_BONUS = 12.0  # log-score for each side of the heading number the neighbours imply
MAX_RUNS = 1000  # damaged runs searched per document; any beyond are only marked


@dataclass(frozen=True)
class Fix:
    text: str  # what the run stood for: traditional, full-width punctuation
    guessed: tuple[bool, ...]  # per character: made (partly) of lost or dropped bytes


@dataclass(frozen=True)
class Repaired:
    lines: tuple[str, ...]  # the input lines with damaged runs replaced (still traditional)
    notes: tuple[str, ...]  # what had to be guessed beyond the bytes


def view(text: str) -> str:
    """How text will read once repaired: '鎮(zhèn),,' -> '镇，'."""
    return to_simplified(normalise(strip_readings(text))).strip()


def _in_context(toks: Sequence[Token], window: Window, text: str) -> tuple[str, int, int]:
    """A reading between its clean neighbours: (original text, start, end in the line)."""
    left = context(toks, window.first - 1, -1, CONTEXT)[::-1]
    right = context(toks, window.last, 1, CONTEXT)
    start = toks[left[0]].start if left else toks[window.first].start
    last = right[-1] if right else window.last - 1
    if annotated(toks, last):
        last += 1
    original = "".join(toks[k].text for k in left) + text + "".join(toks[k].text for k in right)
    return original, start, toks[last].end


def _reproduces(
    line: str, toks: Sequence[Token], window: Window, candidate: Candidate, table: Mapping[str, str]
) -> bool:
    """Does the site's process turn this reading, in context, into what the line shows?"""
    original, start, end = _in_context(toks, window, candidate.text)
    return line[start:end] in simulate.outcomes(original, {**table, **dict(candidate.pins)})


def _final_score(
    search: Search, toks: Sequence[Token], window: Window, candidate: Candidate
) -> float:
    """A verified reading in context: the document's trigram model, jieba's word model, the
    cost of the pairs it assumes were dropped, and any heading-number bonus."""
    text = view(_in_context(toks, window, candidate.text)[0])
    bonus = sum(search.prior.get(pair, 0.0) for pair in itertools.pairwise(text))
    words = WORD_WEIGHT * text_logp(text)
    return search.model.text_logp(text) + words + bonus - DROP_COST * candidate.drops


def best_reading(
    search: Search, line: str, toks: Sequence[Token], window: Window, table: Mapping[str, str]
) -> Fix | None:
    """The best reading of one damaged run that survives re-damaging, or None."""
    left = context(toks, window.first - 1, -1, 2)
    right = context(toks, window.last, 1, 2)
    before = toks[left[1]].text if len(left) > 1 else EDGE
    ends: list[list[Atom]] = [[]]
    if window.last >= len(toks):
        ends.append([Atom("gap"), Atom("lost")])  # ran to the end: its last byte fell off
    candidates: list[Candidate] = []
    for body in templates(toks, window):
        for end in ends:
            atoms = context_atoms(toks, left[:1], 0) + body + end + context_atoms(toks, right, 2)
            candidates += search.run(atoms, prev=simplified().get(before, before))
    candidates.sort(key=lambda c: -c.score)
    verified: list[tuple[float, Candidate]] = []
    for candidate in candidates[:VERIFY]:
        if verified and candidate.score < verified[0][1].score - MARGIN:
            break
        if _reproduces(line, toks, window, candidate, table):
            verified.append((_final_score(search, toks, window, candidate), candidate))
    if not verified:
        return None
    best = max(verified, key=lambda pair: pair[0])[1]
    return Fix(best.text, best.guessed)


def _clean_runs(
    lines: Sequence[str], toks: Sequence[list[Token]], found: Sequence[list[Window]]
) -> list[str]:
    """The document outside its damaged runs, as it will read, for the character model."""
    runs: list[str] = []
    for line, tk, ws in zip(lines, toks, found, strict=True):
        last = 0
        for window in ws:
            runs.append(line[last : tk[window.first].start])
            last = tk[window.last - 1].end
        runs.append(line[last:])
    return [view(run) for run in runs if run.strip()]


def _apply(line: str, tk: Sequence[Token], ws: Sequence[Window], fixes: Mapping[int, Fix]) -> str:
    """The line with each run replaced by its fix; a run without one keeps its text, with
    its holes shown as '？'."""
    out: list[str] = []
    last = 0
    for window in ws:
        out.append(line[last : tk[window.first].start])
        fix = fixes.get(window.first)
        run = tk[window.first : window.last]
        out.append(
            fix.text if fix else "".join("？" + t.text[1:] if t.hole else t.text for t in run)
        )
        last = tk[window.last - 1].end
    out.append(line[last:])
    return "".join(out)


def _number_guessed(fix: Fix | None) -> bool:
    """Is this a heading reading whose number was not read from surviving bytes?"""
    match = SECOND_LEVEL.match(fix.text) if fix else None
    return not (fix and match and not any(fix.guessed[match.start(1) : match.end(1)]))


def repair(lines: Sequence[str]) -> Repaired:
    """Replace every damaged run that has a reading the site's process reproduces."""
    toks = [tokens(line) for line in lines]
    found = [windows(tk) for tk in toks]
    if not any(found):
        return Repaired(tuple(lines), ())
    table = annotation_table(lines)
    model = CharModel.from_texts(_clean_runs(lines, toks, found), background=char_probability)
    search = Search(model, table, avoid=foreign(lines), words=follow_probability)
    fixes: list[dict[int, Fix]] = []
    budget = MAX_RUNS
    for line, tk, ws in zip(lines, toks, found, strict=True):
        got = {w.first: best_reading(search, line, tk, w, table) for w in ws[: max(budget, 0)]}
        budget -= len(ws)
        fixes.append({first: fix for first, fix in got.items() if fix is not None})
    out = [_apply(*args) for args in zip(lines, toks, found, fixes, strict=True)]
    views = [view(line) for line in out]
    notes: list[str] = []
    for index, ws in enumerate(found):
        first = fixes[index].get(0)
        if not ws or ws[0].first != 0 or not _number_guessed(first):
            continue
        implied = implied_number(views, index)
        if implied is None:
            continue
        number = numeral_text(implied[0])
        prior = search.with_prior({("（", number): HEADING_BONUS, (number, "）"): HEADING_BONUS})
        fix = best_reading(prior, lines[index], toks[index], ws[0], table)
        match = SECOND_LEVEL.match(fix.text) if fix else None
        if fix is None or match is None or match.group(1) != number:
            continue
        fixes[index][0] = fix
        out[index] = _apply(lines[index], toks[index], ws, fixes[index])
        views[index] = view(out[index])
        note = f"line {index + 1}: heading number （{number}） inferred from {implied[1]} around it"
        if first is not None and first.text != fix.text:
            note += f"; the bytes alone read “{view(first.text)}”"
        notes.append(note)
    return Repaired(tuple(out), tuple(notes))
