"""report-assistant: cited answers to Chinese questions about Chinese government reports."""

__version__ = "0.1.0"
