"""Exact decimal arithmetic by the crmrules library, on decimal.Decimal values.

    from decimal import Decimal
    from crmrules import arith
    arith.add(Decimal("0.1"), "0.2")               # Decimal('0.3')
    arith.div(2, 3, scale=4, rounding="half_up")   # Decimal('0.6667')
    arith.round("2.5", 0)                          # Decimal('2'): half-even

Arguments are decimal.Decimal, int or str. A float is refused with TypeError: money
never passes through binary floating point. Values hold up to 20 integer and 18
fractional digits, exactly; what does not fit raises (DecimalOverflow, OutOfRange) and is
never rounded silently. Results are Decimals made from the library's exact text, so they
keep its scale: add("0.10", 0) is Decimal('0.10').

Rounding modes: half_even (the default), half_up, half_down, down (toward zero), up (away
from zero), floor, ceiling; decimal's constants (decimal.ROUND_HALF_UP) name them too.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ._ffi import call, ffi, lib, take_str

# round is left out so that "from crmrules.arith import *" keeps the builtin round.
__all__ = ["DecimalLike", "parse", "parse_amount", "add", "sub", "mul", "div", "compare"]

DecimalLike = Decimal | int | str

# Named after the C ABI's crm_rounding constants: CRM_ROUND_HALF_EVEN is "half_even".
_ROUNDINGS: dict[str, int] = {
    name.removeprefix("CRM_ROUND_").lower(): value for name, value in ffi.typeof("crm_rounding").relements.items()
}


def parse(text: str | bytes) -> Decimal:
    """The decimal written in text: "12", "-0.50", ".5", "1e6". bytes go to the library
    as they are (a non-UTF-8 byte raises InvalidUtf8); a syntax error raises ParseError
    with the offset of the byte at fault."""
    return _to_python(_parse(text) if isinstance(text, bytes) else _c_decimal(text))


def parse_amount(text: str | bytes) -> Decimal:
    """An amount as people write it, in Chinese as in the deck: ASCII or full-width digits,
    then perhaps 万, 亿 or 万亿 and 元, exactly (ParseError for "万万", "1.3.5万", ...).

        parse_amount("500万")   # Decimal('5000000');  parse_amount("1.3亿") == Decimal(130000000)
    """
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
    out = ffi.new("crm_decimal *")
    call(lib.crm_decimal_parse_amount, out, data, len(data))
    return _to_python(out)


def add(a: DecimalLike, b: DecimalLike) -> Decimal:
    """a + b, exactly."""
    return _binary(lib.crm_decimal_add, a, b)


def sub(a: DecimalLike, b: DecimalLike) -> Decimal:
    """a - b, exactly."""
    return _binary(lib.crm_decimal_sub, a, b)


def mul(a: DecimalLike, b: DecimalLike) -> Decimal:
    """a * b, exact; rounded half-even only past 18 fractional digits."""
    return _binary(lib.crm_decimal_mul, a, b)


def div(a: DecimalLike, b: DecimalLike, scale: int = 18, rounding: str = "half_even") -> Decimal:
    """a / b rounded to scale (0..18) fractional digits, trailing zeros dropped."""
    return _binary(lib.crm_decimal_div, a, b, scale, _rounding(rounding))


def round(x: DecimalLike, digits: int, rounding: str = "half_even") -> Decimal:
    """x rounded to digits (0..18) fractional digits; the result has exactly that scale."""
    out = ffi.new("crm_decimal *")
    call(lib.crm_decimal_round, out, _c_decimal(x), digits, _rounding(rounding))
    return _to_python(out)


def compare(a: DecimalLike, b: DecimalLike) -> int:
    """-1, 0 or 1 as a <, ==, > b; the scale does not count (1.0 == 1.00)."""
    out = ffi.new("int32_t *")
    call(lib.crm_decimal_compare, out, _c_decimal(a), _c_decimal(b))
    return out[0]


def _text(value: object) -> bytes:
    """The exact text of a Decimal, int or str (numpy integers too), for the library to parse."""
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()  # np.int64 -> int; np.float64 -> float, refused below
    if isinstance(value, str):
        # surrogatepass: a lone surrogate reaches the library's UTF-8 check like any bad byte.
        return value.encode("utf-8", "surrogatepass")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value!r} is not a finite number")
        return str(value).encode("ascii")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value).encode("ascii")
    hint = " (binary floating point is inexact: pass a str or a Decimal)" if isinstance(value, float) else ""
    raise TypeError(f"expected a decimal.Decimal, int or str, not {type(value).__name__}{hint}")


def _c_decimal(value: DecimalLike) -> Any:
    """A new crm_decimal* holding value."""
    return _parse(_text(value))


def _parse(text: bytes) -> Any:
    out = ffi.new("crm_decimal *")
    call(lib.crm_decimal_parse, out, text, len(text))
    return out


def _to_python(value: Any) -> Decimal:
    out = ffi.new("char **")
    call(lib.crm_decimal_to_string, out, ffi.NULL, value)
    return Decimal(take_str(out[0]))


def _binary(fn: Any, a: DecimalLike, b: DecimalLike, *options: int) -> Decimal:
    out = ffi.new("crm_decimal *")
    call(fn, out, _c_decimal(a), _c_decimal(b), *options)
    return _to_python(out)


def _rounding(name: str) -> int:
    key = name.lower().removeprefix("round_") if isinstance(name, str) else name
    if key not in _ROUNDINGS:
        choices = ", ".join(sorted(_ROUNDINGS, key=_ROUNDINGS.__getitem__))
        raise ValueError(f"unknown rounding {name!r}: choose one of {choices}")
    return _ROUNDINGS[key]
