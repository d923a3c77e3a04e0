"""The one exception type the CLI and UI turn into a message (never a traceback)."""


class AssistantError(Exception):
    """A problem the user can fix; the message says what is wrong and what to do next."""
