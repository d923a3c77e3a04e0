"""Layer 8 — ui: how responses are shown. The Gradio app: `app` (layout and wiring,
`build_demo` / `launch`), `page` (what every tab reads), one module of event handlers per
tab (`chat_events`, `mark_events`, `document_events`, `evaluation_events`), the logic they
call (`chat`, `marks` for answers marked right or wrong, `uploads` for reports added from
the browser, `evaluation_tab`, `report_examples`), `page_script` for the 简体 / 繁體
toggle, `markup` for HTML, `style`; and the terminal's plain text (`terminal`).
`ui.py` at the repository root is the command.

May import: `assistant.evaluation`, `assistant.engine` and everything below them.
"""
