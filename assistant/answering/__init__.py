"""Layer 5 — answering: ranked hits -> a short extracted answer with citations, the kind of
answer a question asks for, and follow-up questions read with the turn before them.

May import: `assistant.retrieval` and everything below it.
"""
