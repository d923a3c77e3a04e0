"""Layer 3b — index: the built index on disk (FAISS vectors, metadata, keyword index),
written atomically, rebuilt by content hash, guarded against concurrent builds.

May import: `assistant.report`, `assistant.text`, `assistant.config`, `assistant.errors`.
Encoders are passed in (any object with `encode_passages`); this layer never loads one.
"""
