"""GBK mojibake repair: the byte-level damage the scraping site did, found and undone.

    locate     where a line is damaged, as atoms of known / lost / gap bytes
    gbk        the site's lenient GBK decoder; gbk_chars the characters GBK can spell
    bytesearch beam search for the characters behind a damaged run
    charmodel  the document's own character n-gram model; words jieba's dictionary checks
    simulate   the site's damage re-applied to a candidate, to verify it
    heading_numbers  the number a damaged heading must carry, from its neighbours
    restore    the entry point: `restore.repair(lines)`

May import: `assistant.errors` and the sibling `assistant.text` modules `pinyin`,
`punctuation`, `script`.
"""
