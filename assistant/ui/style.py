"""The web UI's look: a Gradio theme with local fonts and the CSS for the HTML that
assistant/ui/markup.py renders (class names start with `ra-`)."""

from __future__ import annotations

import json

import gradio as gr

from assistant.ui.page_script import gradio_words

# Local font stack only: a Google Fonts theme font would make every page load reach out.
FONTS = ["PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "sans-serif"]

CSS = """
.gradio-container { max-width: 1320px !important; margin: 0 auto; }
#ra-header { align-items: center; }
#ra-script { flex-grow: 0; }
#ra-question textarea { padding: .55em .8em !important; }
.ra-goto { text-decoration: none; cursor: pointer; }
.ra-goto:hover { text-decoration: underline; }
.ra-flash { background: #fef3c7; transition: background .3s; }
.ra-banner h1 { margin: 0; font-size: 1.6rem; letter-spacing: .04em; }
.ra-banner p { margin: .2rem 0 0; color: var(--body-text-color-subdued); }
.ra-answer { line-height: 1.75; }
.ra-answer .ra-text { margin: 0; }
.ra-answer mark { background: #fde68a; color: #111827; padding: 0 .15em; border-radius: 3px; }
.ra-cite { color: #b91c1c; font-weight: 600; margin-left: 1px; }
.ra-refs { list-style: none; padding: 0; margin: .5em 0 0; font-size: .85em;
  color: var(--body-text-color-subdued); border-top: 1px dashed var(--border-color-primary);
  padding-top: .35em; }
.ra-num { color: #b91c1c; font-weight: 600; }
.ra-para { font-weight: 600; color: #1d4ed8; margin-left: .25em; }
.ra-readwith { display: inline-block; font-size: .82em; color: var(--body-text-color-subdued);
  background: var(--background-fill-secondary); border-radius: 6px; padding: .1em .6em;
  margin-bottom: .4em; }
.ra-abstained { border-left: 4px solid #9ca3af; padding-left: .7em; color: #4b5563; }
.ra-abstained .ra-tag { font-weight: 600; color: #6b7280; font-size: .85em; }
.ra-error { border-left: 4px solid #dc2626; padding-left: .7em; color: #b91c1c; }
.ra-sources-title { font-weight: 600; margin: .2em 0 .6em; }
.ra-empty { color: var(--body-text-color-subdued); padding: 1em; border: 1px dashed
  var(--border-color-primary); border-radius: 10px; }
.ra-card { border: 1px solid var(--border-color-primary); border-radius: 10px;
  padding: .6em .8em; margin-bottom: .7em; background: var(--background-fill-primary); }
.ra-card.ra-cited { border-left: 4px solid #b91c1c; }
.ra-card > summary { cursor: pointer; list-style: none; }
.ra-card > summary::-webkit-details-marker { display: none; }
.ra-head { display: flex; gap: .5em; align-items: baseline; }
.ra-rank { color: var(--body-text-color-subdued); font-weight: 600; }
.ra-score { margin-left: auto; font-size: .8em; color: var(--body-text-color-subdued); }
.ra-title { font-size: .8em; color: var(--body-text-color-subdued); }
.ra-section { font-size: .8em; color: #1d4ed8; }
.ra-snippet { margin-top: .3em; line-height: 1.65; font-size: .92em; }
.ra-card[open] .ra-snippet { display: none; }
.ra-card > summary::after { content: "▸ 上下文"; display: block; font-size: .78em;
  color: var(--body-text-color-subdued); margin-top: .2em; }
.ra-card[open] > summary::after { content: "▾ 收起"; }
.ra-contexts { margin-top: .4em; }
.ra-ctx { margin: .35em 0; line-height: 1.65; font-size: .92em; }
.ra-ctx.ra-prev, .ra-ctx.ra-next { color: var(--body-text-color-subdued); font-size: .85em; }
.ra-ctx.ra-focus { background: var(--background-fill-secondary); border-radius: 6px;
  padding: .3em .5em; }
.ra-pn { display: inline-block; min-width: 2.6em; font-size: .8em; font-weight: 600;
  color: #1d4ed8; }
.ra-original summary { cursor: pointer; font-size: .8em; color: var(--body-text-color-subdued); }
.ra-original pre { white-space: pre-wrap; font-size: .8em; background:
  var(--background-fill-secondary); padding: .5em; border-radius: 6px; }
.ra-report { max-width: 860px; margin: 0 auto; line-height: 1.8; }
.ra-report h2 { margin-bottom: .1em; }
.ra-docname { color: var(--body-text-color-subdued); font-size: .85em; margin-bottom: 1em; }
.ra-toc { border: 1px solid var(--border-color-primary); border-radius: 10px;
  padding: .6em 1em; margin-bottom: 1.2em; background: var(--background-fill-secondary); }
.ra-toc-title { font-weight: 600; }
.ra-toc ul { margin: .3em 0 0; padding-left: 0; list-style: none; }
.ra-toc-2 { padding-left: 1.5em; font-size: .92em; }
.ra-report .ra-h { margin: 1.2em 0 .4em; }
.ra-para-text { margin: .5em 0; }
.ra-failures { width: 100%; border-collapse: collapse; font-size: .88em; }
.ra-failures th, .ra-failures td { border-bottom: 1px solid var(--border-color-primary);
  padding: .35em .5em; text-align: left; vertical-align: top; }
.ra-pass { color: #15803d; font-weight: 600; }
#ra-mark { align-items: center; flex-wrap: nowrap; gap: .5em; }
#ra-mark > * { flex: 0 0 auto !important; width: auto !important; min-width: 0 !important; }
#ra-mark button { min-width: 4em !important; }
.ra-mark-label { color: var(--body-text-color-subdued); font-size: .9em; white-space: nowrap; }
#ra-mark-fix { align-items: center; }
#ra-mark-status { font-size: .9em; }
.ra-banner h1 { white-space: nowrap; }
/* A phone: the header wraps under the title (which stays on one line), and the sources come
   right after the answer: the two columns dissolve (display: contents) into one stack of
   picker, chat, sources, input, marking, examples. */
@media (max-width: 640px) {
  #ra-header { flex-wrap: wrap; }
  #ra-header > :first-child { flex: 1 1 100% !important; min-width: 100% !important; }
  .ra-banner h1 { font-size: 1.35rem; }
  #ra-ask { flex-direction: column; flex-wrap: nowrap; }
  #ra-chat-column, #ra-sources-column { display: contents; }
  #ra-chat-column > *, #ra-sources-column > * { order: 5; width: 100%; min-width: 0; }
  #ra-chat-column > .form { order: 1; }
  #ra-chat { order: 2; }
  #ra-sources-column > * { order: 3; }
  #ra-ask-input { order: 4; }
}
"""


def theme() -> gr.themes.Base:
    return gr.themes.Soft(primary_hue="red", neutral_hue="slate", font=FONTS)


# Run once when the page loads (`demo.launch(js=JS)`): a click on a cited ¶n (markup.goto)
# opens the report view at that paragraph and flashes it; source cards the reader opened
# (and their 查看原文) stay open when the same cards are drawn again, as the 简体 / 繁體
# toggle does (cards are known by data-doc / data-paragraph, in order).
JS = """
() => {
  const cards = { signature: "", open: new Set(), pending: false };
  const keyOf = (details) => {
    const card = details.closest(".ra-card");
    const key = `${card.dataset.doc}/${card.dataset.paragraph}`;
    return details === card ? key : `${key}/original`;
  };
  const signature = (panel) => Array.from(panel.querySelectorAll(".ra-card"))
    .map((card) => `${card.dataset.doc}/${card.dataset.paragraph}`).join("|");
  document.addEventListener("click", (event) => {  // the reader's own opening and closing
    const summary = event.target.closest("#ra-sources details > summary");
    if (!summary) return;
    const details = summary.parentElement;
    if (details.open) cards.open.delete(keyOf(details)); else cards.open.add(keyOf(details));
  }, true);
  const reopen = () => {
    cards.pending = false;
    swapWords();
    const panel = document.querySelector("#ra-sources .ra-sources");
    const drawn = panel ? signature(panel) : "";
    if (!drawn) return;  // no cards (yet)
    if (drawn !== cards.signature) { cards.signature = drawn; cards.open.clear(); return; }
    panel.querySelectorAll("details").forEach((details) => {
      if (!details.open && cards.open.has(keyOf(details))) details.open = true;
    });
  };
  new MutationObserver(() => {
    if (!cards.pending) { cards.pending = true; requestAnimationFrame(reopen); }
  }).observe(document.body, {
    childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ["open", "placeholder", "aria-label", "title", "checked"],
  });
  // Gradio's own words (upload areas, the footer, …) follow the browser's language; in a
  // Chinese browser they follow the 简体 / 繁體 toggle too (GRADIO_WORDS: simplified ->
  // traditional, from page_script.gradio_words).
  const words = GRADIO_WORDS;
  // Text the server renders in the display script, and the chat (what the reader typed).
  const OURS = ".ra-sources, .ra-report, .ra-banner, #ra-chat, #ra-examples";
  const back = Object.fromEntries(Object.entries(words).map(([s, t]) => [t, s]));
  const traditional = () => document.querySelector("#ra-script input:checked")?.value === "繁體";
  const swapText = (text, table) => {
    const key = text.trim();
    return key && table[key] ? text.replace(key, table[key]) : null;
  };
  const swapWords = () => {
    const table = traditional() ? words : back;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest(OURS)) continue;
      const swapped = swapText(node.nodeValue, table);
      if (swapped !== null) node.nodeValue = swapped;
    }
    document.querySelectorAll("[placeholder], [aria-label], [title]").forEach((element) => {
      for (const name of ["placeholder", "aria-label", "title"]) {
        const value = element.getAttribute(name);
        const swapped = value === null ? null : swapText(value, table);
        if (swapped !== null) element.setAttribute(name, swapped);
      }
    });
  };
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#ra-goto/']");
    if (!link) return;
    event.preventDefault();
    const [, para, doc] = link.getAttribute("href").split("/");
    const name = decodeURIComponent(doc);
    const tab = Array.from(document.querySelectorAll("button[role='tab']"))
      .find((b) => ["报告全文", "報告全文"].includes(b.textContent.trim()));
    if (tab) tab.click();
    const show = (tries) => {
      const target = Array.from(document.querySelectorAll("#ra-report [data-para]"))
        .find((e) => e.dataset.para === para && e.dataset.doc === name);
      if (!target) { if (tries > 0) setTimeout(() => show(tries - 1), 100); return; }
      target.scrollIntoView({ block: "center" });
      target.classList.add("ra-flash");
      setTimeout(() => target.classList.remove("ra-flash"), 2500);
    };
    show(20);
  });
}
"""


def page_js() -> str:
    """JS with Gradio's own Chinese words for the toggle filled in."""
    return JS.replace("GRADIO_WORDS", json.dumps(gradio_words(), ensure_ascii=False))
