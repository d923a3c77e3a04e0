"""Layer 4 — retrieval: a question -> ranked hits (dense + keyword + heading evidence, fused).

May import: `assistant.index`, `assistant.report`, `assistant.text`, `assistant.config`,
`assistant.errors`.
"""
