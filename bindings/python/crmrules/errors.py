"""The exceptions crmrules raises: one class per status of the C ABI.

    try:
        arith.parse("12,5")
    except crmrules.ParseError as e:
        print(e.code, e.offset)   # parse 2

Every class derives from CrmError and, where one fits, from the builtin a Python caller
would expect (ParseError is a ValueError, DivisionByZero a ZeroDivisionError, ...). The
classes are keyed by the status's stable name (crm_status_name), so a status added to
the C ABI later is still raised, as a plain CrmError, until it gets a class here.
"""

from __future__ import annotations


class CrmError(Exception):
    """An error reported by the crmrules library.

    code is the status's stable lower-case name ("overflow"), status its number in the C
    ABI, message the library's text. The location, each part None when unknown: pointer
    (a JSON pointer into a document), line and column (from 1, in a text) and offset
    (bytes from 0, within a single string argument).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "",
        status: int = 0,
        pointer: str | None = None,
        line: int | None = None,
        column: int | None = None,
        offset: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.pointer = pointer
        self.line = line
        self.column = column
        self.offset = offset

    def __str__(self) -> str:
        parts = (
            self.pointer,
            None if self.line is None else f"line {self.line}",
            None if self.column is None else f"column {self.column}",
            None if self.offset is None else f"offset {self.offset}",
        )
        where = ", ".join(part for part in parts if part is not None)
        return f"{self.message} (at {where})" if where else self.message


class InvalidArgument(CrmError, ValueError):
    """A bad argument or option value."""


class ParseError(CrmError, ValueError):
    """Text that does not parse; the location says where."""


class DecimalOverflow(CrmError, OverflowError):
    """A result outside the representable range (decimals: 10^20 or more in magnitude)."""


class DivisionByZero(CrmError, ZeroDivisionError):
    """Division by zero."""


class InvalidUtf8(CrmError, UnicodeError):
    """A string argument that is not valid UTF-8; offset is the first bad byte."""


class TypeMismatch(CrmError, TypeError):
    """A value of the wrong type for its place."""


class UnknownName(CrmError, KeyError):
    """An unknown field, function, machine or event."""


class OutOfRange(CrmError, ValueError):
    """A value outside its bounds or precision (e.g. more than 18 fractional digits)."""


class Missing(CrmError):
    """A required value that is absent."""


class NoMatch(CrmError):
    """No rule matched where one was required."""


class Conflict(CrmError):
    """Rules that disagree."""


class IllegalTransition(CrmError):
    """An event a state machine does not allow in its current state."""


class Corrupt(CrmError):
    """Damaged or truncated saved data."""


class VersionMismatch(CrmError):
    """Saved data from another version of a definition."""


class BufferTooSmall(CrmError):
    """A buffer that cannot hold the result."""


class IoError(CrmError, OSError):
    """A file that cannot be read or written."""


class InvalidRule(CrmError):
    """A rule set that fails its load-time checks."""


class InternalError(CrmError):
    """A bug in crmrules: please report it."""


class Unauthenticated(CrmError):
    """A sealed session whose seal is missing or does not match the key: changed since it
    was sealed, sealed under another key, or not sealed at all."""


_BY_CODE: dict[str, type[CrmError]] = {
    "invalid_argument": InvalidArgument,
    "parse": ParseError,
    "overflow": DecimalOverflow,
    "division_by_zero": DivisionByZero,
    "invalid_utf8": InvalidUtf8,
    "type_mismatch": TypeMismatch,
    "unknown_name": UnknownName,
    "out_of_range": OutOfRange,
    "missing": Missing,
    "no_match": NoMatch,
    "conflict": Conflict,
    "illegal_transition": IllegalTransition,
    "corrupt": Corrupt,
    "version_mismatch": VersionMismatch,
    "buffer_too_small": BufferTooSmall,
    "io": IoError,
    "invalid_rule": InvalidRule,
    "internal": InternalError,
    "unauthenticated": Unauthenticated,
}


def error_class(code: str) -> type[CrmError]:
    """The exception class for a status name; CrmError for a name it does not know."""
    return _BY_CODE.get(code, CrmError)

