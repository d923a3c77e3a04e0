"""Beam search for the original characters behind a run of GBK bytes with holes.

The input is the damaged run turned back into the bytes the site started from, as atoms:
    known(b)   a byte we still have
    lost       a byte the decoder ate (it printed '?' for it)
    gap        a place where the decoder may have dropped unassigned pairs
Read from an aligned start, every two bytes must make a plausible character; the search
keeps the `BEAM` best partial readings by the document's character model (plus word pairs
from a dictionary), so holes are filled with what the document makes likely:
    [日 = c8 d5] [lost] [a3 bf ...]  ->  日常 (b3 a3) ... because 日常 is common here.
A byte may carry a pinyin reading the site inserted after it: the character made of the
byte before it and itself must read that way ('到?jīng)Q' pins the lost byte to 經 = bd 9b).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from assistant.text.mojibake import gbk, gbk_chars
from assistant.text.mojibake.charmodel import EDGE, CharModel
from assistant.text.pinyin import is_reading

DROP_COST = 2.0  # log-score paid for each pair the decoder is assumed to have dropped
MAX_DROPS = 3  # per damaged run
BEAM = 24  # partial readings kept after each byte
KEEP = 8  # readings of one hole kept per partial reading
DROP_FROM = 4  # partial readings that may assume a dropped pair at a gap
PAIR_WEIGHT = 0.5  # how much a dictionary word pair adds to the document's bigram estimate
ALIKE = 6  # states kept per key: the n-best readings, not only the best
VOCABULARY = 600  # what a pair with both bytes lost may be: the document's commonest characters


@dataclass(frozen=True)
class Atom:
    kind: str  # "known", "lost" or "gap"
    value: int = 0  # the byte, for "known"
    reading: str | None = None  # pinyin the site inserted right after this byte
    part: int = 1  # 0 left context, 1 the damaged window, 2 right context


@dataclass(frozen=True)
class Candidate:
    text: str  # the window's characters, traditional, as the site had them
    score: float
    guessed: tuple[bool, ...]  # per character: made (partly) of lost or dropped bytes
    drops: int
    pins: tuple[tuple[str, str], ...]  # (character, reading) the site's pinyin pinned down


class _State:
    """A partial reading: characters so far, and maybe a lead byte waiting for its trail."""

    __slots__ = (
        "chars",
        "drops",
        "guessed",
        "has_lead",
        "last",
        "lead",
        "lead_guess",
        "lead_part",
        "lead_reading",
        "partner",
        "pins",
        "prev",
        "score",
    )

    def __init__(
        self,
        score: float,
        prev: str,
        last: int | None,
        chars: tuple[str, ...] = (),
        guessed: tuple[bool, ...] = (),
        pins: tuple[tuple[str, str], ...] = (),
        drops: int = 0,
    ) -> None:
        self.score = score
        self.prev = prev  # last character, simplified, for the model
        self.last = last  # the last byte read
        self.chars = chars
        self.guessed = guessed
        self.pins = pins
        self.drops = drops
        self.has_lead = False
        self.lead: int | None = None  # the pending lead byte (None with has_lead: unknown)
        self.lead_part = 1
        self.lead_guess = False
        self.lead_reading: str | None = None  # (last, lead) must read this
        self.partner: int | None = None  # the lead closes a dropped pair (partner, lead)

    def waiting(
        self, lead: int | None, part: int, guess: bool, reading: str | None, partner: int | None
    ) -> _State:
        state = _State(self.score, self.prev, self.last, self.chars, self.guessed, self.pins)
        state.drops = self.drops
        state.has_lead, state.lead, state.lead_part = True, lead, part
        state.lead_guess, state.lead_reading, state.partner = guess, reading, partner
        return state

    def key(self) -> tuple[object, ...]:
        """States with equal keys read on alike."""
        return (
            self.lead,
            self.has_lead,
            self.lead_reading,
            self.partner,
            self.last,
            self.prev,
            self.drops,
        )


class Search:
    """Fill the holes of atom sequences of one document (its model and annotation table)."""

    def __init__(
        self,
        model: CharModel,
        table: Mapping[str, str],
        prior: Mapping[tuple[str, str], float] | None = None,
        avoid: frozenset[str] = frozenset(),
        words: Callable[[str, str], float] | None = None,
    ) -> None:
        self.model = model
        self.table = table  # the characters the site annotates, with their readings
        self.prior = prior or {}  # bonus per (previous, next) simplified character pair
        self.avoid = avoid  # characters the text cannot contain (the other script)
        self.words = words  # P(char | prev) from a word list, added to the document's model
        self._vocabulary: dict[int, list[gbk_chars.Option]] | None = None
        self._logp: dict[tuple[str, str], float] = {}
        self._rankings: dict[tuple[object, ...], list[tuple[float, int, int, str]]] = {}

    def with_prior(self, prior: Mapping[tuple[str, str], float]) -> Search:
        """The same search, with bonuses for some character pairs (a heading number)."""
        other = Search(self.model, self.table, prior, self.avoid, self.words)
        other._logp = self._logp  # the prior is added on top, so the cache is shared
        return other

    def reads(self, char: str, syllable: str) -> bool:
        """The site annotates each character with one reading: the one the document shows
        elsewhere, or, for a character only ever annotated inside damage, any pypinyin knows."""
        if char in self.table:
            return self.table[char] == syllable
        return is_reading(char, syllable)

    def vocabulary(self) -> dict[int, list[gbk_chars.Option]]:
        """lead -> readings, for the `VOCABULARY` characters the document uses most (and any
        the prior favours): what a pair with both bytes lost can be."""
        if self._vocabulary is None:
            counts = self.model.unigrams
            ranked = sorted(
                (
                    option
                    for options in gbk_chars.by_lead().values()
                    for option in options
                    if counts[option[3]]
                ),
                key=lambda option: -counts[option[3]],
            )
            favoured = {char for pair in self.prior for char in pair}
            chosen = ranked[:VOCABULARY] + [
                option
                for options in gbk_chars.by_lead().values()
                for option in options
                if option[3] in favoured
            ]
            self._vocabulary = {}
            for option in chosen:
                self._vocabulary.setdefault(option[0], []).append(option)
        return self._vocabulary

    def logp(self, prev: str, char: str) -> float:
        """log P(char | prev): the document's model, plus word pairs, plus the prior."""
        key = (prev, char)
        value = self._logp.get(key)
        if value is None:
            value = self.model.logp(prev, char)
            if self.words is not None:
                value = math.log(math.exp(value) + PAIR_WEIGHT * self.words(prev, char))
            self._logp[key] = value
        return value + self.prior.get(key, 0.0) if self.prior else value

    def _options(
        self,
        lead: int | None,
        trail: int | None,
        allowed: frozenset[int] | None,
        tails: frozenset[int] | None,
    ) -> list[gbk_chars.Option]:
        """Readings of a pair: known bytes fixed, `allowed` leads, `tails` trails."""
        if lead is not None and trail is not None:
            char = gbk.char_of(lead, trail)
            simple = gbk_chars.simplified()
            return [(lead, trail, char, simple[char])] if char in simple else []
        if lead is not None:
            options = gbk_chars.by_lead().get(lead, [])
            return options if tails is None else [o for o in options if o[1] in tails]
        if trail is not None:
            options = gbk_chars.by_trail().get(trail, [])
            return options if allowed is None else [o for o in options if o[0] in allowed]
        vocabulary = self.vocabulary()
        leads = vocabulary.keys() if allowed is None else allowed & vocabulary.keys()
        return [o for lead in leads for o in vocabulary[lead] if tails is None or o[1] in tails]

    def _ranked(
        self,
        prev: str,
        lead: int | None,
        trail: int | None,
        partner: int | None,
        tails: frozenset[int] | None,
        keep: int,
    ) -> list[tuple[float, int, int, str]]:
        """(log-score, lead, trail, char) of the `keep` best readings of a pair after `prev`,
        best first; cached, as many partial readings share them."""
        key = (prev, lead, trail, partner, tails, keep)
        ranked = self._rankings.get(key)
        if ranked is None:
            allowed = gbk_chars.dropped_leads(partner) if partner is not None else None
            avoid, logp = self.avoid, self.logp
            ranked = [
                (logp(prev, simple), lead_, tail, char)
                for lead_, tail, char, simple in self._options(lead, trail, allowed, tails)
                if char not in avoid
            ]
            ranked = self._rankings[key] = heapq.nlargest(keep, ranked, key=lambda o: o[0])
        return ranked

    def _close(
        self,
        state: _State,
        trail: int | None,
        part: int,
        guess: bool,
        reading: str | None,
        tails: frozenset[int] | None = None,
    ) -> list[_State]:
        """Complete the pending character with `trail` (None: a hole, try `tails` or all)."""
        if state.lead_part != part:
            return []
        guessed = guess or state.lead_guess
        if state.lead_reading is None and reading is None:
            ranked = self._ranked(state.prev, state.lead, trail, state.partner, tails, KEEP)
            return [
                self._emit(state, char, tail, part, guessed, state.score + logp, state.pins)
                for logp, _, tail, char in ranked
            ]
        out: list[tuple[float, int, str, tuple[tuple[str, str], ...]]] = []
        allowed = gbk_chars.dropped_leads(state.partner) if state.partner is not None else None
        for lead, tail, char, simple in self._options(state.lead, trail, allowed, tails):
            pins = state.pins
            if state.lead_reading is not None:  # pinned: (byte before the lead, lead)
                before = gbk.char_of(state.last, lead) if state.last is not None else None
                if before is None or not self.reads(before, state.lead_reading):
                    continue
                pins += ((before, state.lead_reading),)
            if reading is not None:  # pinned: this character
                if not self.reads(char, reading):
                    continue
                pins += ((char, reading),)
            if char not in self.avoid:
                out.append((state.score + self.logp(state.prev, simple), tail, char, pins))
        out = heapq.nlargest(KEEP, out, key=lambda option: option[0])
        return [
            self._emit(state, c, tail, part, guessed, score, pins) for score, tail, c, pins in out
        ]

    def _emit(
        self,
        state: _State,
        char: str,
        last: int,
        part: int,
        guess: bool,
        score: float,
        pins: tuple[tuple[str, str], ...],
    ) -> _State:
        simple = gbk_chars.simplified().get(char, char)
        prev = state.prev if simple.isspace() and state.prev == EDGE else simple  # an indent
        if part != 1:
            return _State(score, prev, last, state.chars, state.guessed, pins, state.drops)
        chars, guessed = (*state.chars, char), (*state.guessed, guess)
        return _State(score, prev, last, chars, guessed, pins, state.drops)

    def _step(self, state: _State, atom: Atom) -> list[_State]:
        known = atom.value if atom.kind == "known" else None
        guess = atom.kind == "lost"
        if state.has_lead:
            if known is not None and not gbk.is_trail(known):
                return []
            return self._close(state, known, atom.part, guess, atom.reading)
        if known is not None and known < 0x80:
            pins = state.pins
            if atom.reading is not None:
                pinned = gbk.char_of(state.last, known) if state.last is not None else None
                if pinned is None or not self.reads(pinned, atom.reading):
                    return []
                pins += ((pinned, atom.reading),)
            char = chr(known)
            score = state.score + self.logp(state.prev, char)
            return [self._emit(state, char, known, atom.part, False, score, pins)]
        return [state.waiting(known, atom.part, guess, atom.reading, None)]

    def _drop(self, state: _State) -> list[_State]:
        """The decoder dropped a pair here: its first byte closes the pending character."""
        if not state.has_lead or state.drops >= MAX_DROPS:
            return []
        out: list[_State] = []
        for closed in self._close(state, None, state.lead_part, True, None, gbk_chars.droppable()):
            closed.score -= DROP_COST
            closed.drops = state.drops + 1
            out.append(closed.waiting(None, state.lead_part, True, None, partner=closed.last))
        return out

    def run(self, atoms: list[Atom], prev: str = EDGE, top: int = 16) -> list[Candidate]:
        """The `top` best complete readings, best first."""
        states = [_State(0.0, prev, None)]
        for atom in atoms:
            if atom.kind == "gap":
                frontier = states
                for _ in range(MAX_DROPS):
                    best = heapq.nlargest(DROP_FROM, frontier, key=lambda s: s.score)
                    frontier = self._prune(d for s in best for d in self._drop(s))
                    states = states + frontier
            else:
                states = self._prune(n for s in states for n in self._step(s, atom))
            if not states:
                return []
        done = sorted((s for s in states if not s.has_lead), key=lambda s: -s.score)
        seen: set[str] = set()
        out: list[Candidate] = []
        for state in done:
            text = "".join(state.chars)
            if text not in seen:
                seen.add(text)
                out.append(Candidate(text, state.score, state.guessed, state.drops, state.pins))
        return out[:top]

    @staticmethod
    def _prune(states: Iterable[_State]) -> list[_State]:
        """The `BEAM` best states, at most `ALIKE` of them per key (so readings that differ
        only further back survive to be verified and word-checked)."""
        best: dict[tuple[object, ...], list[_State]] = {}
        for s in states:
            kept = best.setdefault(s.key(), [])
            if len(kept) < ALIKE:
                kept.append(s)
            else:
                worst = min(range(ALIKE), key=lambda k: kept[k].score)
                if kept[worst].score < s.score:
                    kept[worst] = s
        return heapq.nlargest(
            BEAM, (s for kept in best.values() for s in kept), key=lambda s: s.score
        )
