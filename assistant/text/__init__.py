"""Layer 1 — text: a file's bytes -> clean simplified-or-original text, line by line.

Reading formats (`formats`), traditional/simplified conversion (`script`), keyword tokens
(`tokens`), and the repair of scraped text (`repair`: pinyin readings, punctuation, and the
GBK damage undone by the `mojibake` sub-package).

May import: `assistant.errors`, `assistant.config`, and third-party libraries. Nothing above.
"""
