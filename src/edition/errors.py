"""Errors and diagnostics shared by every stage.

Stages never print or exit: they raise an :class:`EditionError` that knows
where the problem is (file, line, column), or record an :class:`Issue`.
Only the CLI turns these into messages and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass


def sentence(text: str) -> str:
    """``text`` ending as a sentence does (messages and hints are printed as sentences)."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…:" else text + "."


@dataclass(frozen=True, order=True)
class Issue:
    """One diagnostic, printed as ``path:line:col: severity: message [rule]``."""

    path: str
    line: int | None
    col: int | None
    severity: str  # "error" | "warning"
    message: str
    rule: str

    def format(self) -> str:
        loc = self.path
        if self.line is not None:
            loc += f":{self.line}"
            if self.col is not None:
                loc += f":{self.col}"
        return f"{loc}: {self.severity}: {self.message} [{self.rule}]"

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "message": self.message,
            "rule": self.rule,
        }


class EditionError(Exception):
    """A problem the user can fix; carries its location and a next step."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        col: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.col = col
        self.hint = hint

    def as_issue(self, rule: str, path: str | None = None) -> Issue:
        """This error as a diagnostic (message and hint, its own location;
        ``path`` where it names none), for reports that go on after one
        document fails. The one conversion from an error to an :class:`Issue`."""
        text = f"{sentence(self.message)} {self.hint}" if self.hint else self.message
        return Issue(self.path or path or "", self.line, self.col, "error", text, rule)

    def __str__(self) -> str:
        """``path: line N, column M: message. Hint.``: what the CLI prints."""
        loc = ""
        if self.path:
            loc = self.path
            if self.line is not None:
                loc += f": line {self.line}"
                if self.col is not None:
                    loc += f", column {self.col}"
            loc += ": "
        return loc + sentence(self.message) + (f" {sentence(self.hint)}" if self.hint else "")


class InputError(EditionError):
    """The input file cannot be read as what it claims to be."""


class InputTooLargeError(InputError):
    """The input file is larger than the size limit; refused unread."""


class UnsafeXMLError(InputError):
    """The XML asks for something no parser here does: an external entity
    (a file or URL), or entities that expand beyond the safety limit."""


class UsageError(EditionError):
    """A command was asked for something that is not there (a schema that is
    neither built in nor an existing file, a path that does not exist): the
    CLI reports it as a usage error, exit code 2."""


class OutputExistsError(EditionError):
    """Writing would overwrite a file that may hold an editor's work."""


class UnsafePathError(EditionError):
    """A file name or id would lead outside the project folders."""


class ConfigError(EditionError):
    """A project's edition.toml (or [tool.edition]) has a mistake."""
