"""Layer 8 — ui: how responses are shown. The Gradio app's pieces (`chat`, `evaluation_tab`,
`marks` for answers marked right or wrong, `uploads` for reports added from the browser,
`report_examples`, `page_script` for the 简体 / 繁體 toggle, `markup` for HTML, `style`) and
the terminal's plain text (`terminal`).
`ui.py` at the repository root is the app's entry point.

May import: `assistant.evaluation`, `assistant.engine` and everything below them.
"""
