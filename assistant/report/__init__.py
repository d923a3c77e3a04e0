"""Layer 2 — report: repaired text -> documents with numbered paragraphs, their outline
(heading paths), the numbered parts questions refer to, and the chunks that are indexed.

May import: `assistant.text`, `assistant.config`, `assistant.errors`.
"""
