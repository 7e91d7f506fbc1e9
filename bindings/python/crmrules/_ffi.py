"""The one way into the C ABI, for every module of the package.

    out = ffi.new("crm_decimal *")
    call(lib.crm_decimal_parse, out, b"1.5", 3)   # raises ParseError, InvalidUtf8, ...

Every fallible crm_ function returns a crm_status and takes a crm_error** last. call()
supplies that crm_error**; when the status is not CRM_OK it raises the status's CrmError
subclass (errors.py) with the error object's message and location, and frees the object.
"""

from __future__ import annotations

from typing import Any, Callable

from ._native import ffi, lib
from .errors import CrmError, error_class

__all__ = ["call", "c_str", "take_str", "ffi", "lib"]


def call(fn: Callable[..., int], *args: Any) -> None:
    """Calls fn(*args, error) and raises the matching CrmError when it fails."""
    error = ffi.new("crm_error **")
    status = fn(*args, error)
    if status != lib.CRM_OK:
        raise _exception(status, error[0])


def c_str(pointer: Any) -> str:
    """The text of a borrowed NUL-terminated UTF-8 string."""
    return ffi.string(pointer).decode("utf-8")


def take_str(pointer: Any) -> str:
    """The text of a string the library handed to the caller, which this frees."""
    try:
        return c_str(pointer)
    finally:
        lib.crm_string_free(pointer)


def _exception(status: int, error: Any) -> CrmError:
    """The exception for status and its error object (NULL when the library could not
    allocate one, which the accessors accept); frees the error object."""
    try:
        code = c_str(lib.crm_status_name(status))
        line = lib.crm_error_line(error)
        column = lib.crm_error_column(error)
        offset = lib.crm_error_offset(error)
        # Messages quote the caller's input, perhaps cut inside a UTF-8 sequence.
        message = ffi.string(lib.crm_error_message(error)).decode("utf-8", "backslashreplace")
        return error_class(code)(
            message or code,
            code=code,
            status=status,
            pointer=c_str(lib.crm_error_pointer(error)) or None,
            line=line or None,
            column=column or None,
            offset=offset if offset >= 0 else None,
        )
    finally:
        lib.crm_error_free(error)
