"""Times, dates and times and durations between Python and the library (ISO 8601 text).

    import datetime
    import crmrules

    rules.evaluate({"start": datetime.time(9, 30),                 # a "time" field
                    "booked": datetime.datetime(2024, 5, 31, 23, tzinfo=datetime.timezone.utc),
                    "wait": datetime.timedelta(hours=36),            # a "days_duration" field
                    "tenure": crmrules.MonthsDuration(14)})          # a "months_duration" field
    # outputs of those kinds come back as datetime.time, datetime.datetime,
    # datetime.timedelta and crmrules.MonthsDuration

A time or date and time with a UTC offset becomes an aware value (tzinfo a fixed
datetime.timezone), one without a naive value. Python holds microseconds: a library value
with a finer fraction (the library keeps nanoseconds) raises ValueError rather than being
rounded; pass such values as ISO text (a str). A years and months duration has no Python
type: MonthsDuration holds its whole number of months.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["MonthsDuration"]

_MONTHS = re.compile(r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?$")
_DAYS = re.compile(r"^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,9}))?S)?)?$")


@dataclass(frozen=True, order=True)
class MonthsDuration:
    """A years and months duration (FEEL's, XML Schema's yearMonthDuration) as months.

        MonthsDuration(14)                 # P1Y2M
        MonthsDuration.parse("P1Y2M").months == 14
        str(MonthsDuration(-13)) == "-P1Y1M"
    """

    months: int

    def __post_init__(self) -> None:
        if isinstance(self.months, bool) or not isinstance(self.months, int):
            raise TypeError(f"MonthsDuration takes a whole number of months, not {self.months!r}")

    @classmethod
    def of(cls, years: int = 0, months: int = 0) -> MonthsDuration:
        """years * 12 + months."""
        return cls(years * 12 + months)

    @classmethod
    def parse(cls, text: str) -> MonthsDuration:
        """ "[-]P[nY][nM]" (at least one part); anything else raises ValueError."""
        m = _MONTHS.match(text)
        if not m or (m.group(2) is None and m.group(3) is None):
            raise ValueError(f"{text!r} is not a years and months duration (written [-]PnYnM, e.g. P1Y2M)")
        months = int(m.group(2) or 0) * 12 + int(m.group(3) or 0)
        return cls(-months if m.group(1) else months)

    @property
    def years(self) -> int:
        """Whole years of the magnitude (P1Y2M: 1; -P1Y2M: 1)."""
        return abs(self.months) // 12

    def __str__(self) -> str:
        n = abs(self.months)
        text = "P" + (f"{n // 12}Y" if n >= 12 else "") + (f"{n % 12}M" if n % 12 or n < 12 else "")
        return ("-" if self.months < 0 else "") + text


def _offset_text(value: datetime.time | datetime.datetime) -> str:
    delta = value.utcoffset()
    if delta is None:
        return ""
    minutes, seconds = divmod(int(delta.total_seconds()), 60)
    if seconds or delta.microseconds:
        raise ValueError(f"{value!r}: the library's offsets are whole minutes")
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _clock(value: datetime.time | datetime.datetime) -> str:
    text = f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    return text + _offset_text(value)


def _days_text(value: datetime.timedelta) -> str:
    # pandas.Timedelta carries nanoseconds beyond datetime.timedelta's microseconds
    nanos = ((value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds) * 1000 + int(
        getattr(value, "nanoseconds", 0))
    sign = "-" if nanos < 0 else ""
    seconds, fraction = divmod(abs(nanos), 1_000_000_000)
    days, seconds = divmod(seconds, 86_400)
    hours, seconds = divmod(seconds, 3_600)
    minutes, seconds = divmod(seconds, 60)
    text = "P" + (f"{days}D" if days else "")
    if hours or minutes or seconds or fraction or not days:
        text += "T" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
        if seconds or fraction or not (days or hours or minutes):
            text += str(seconds) + (f".{fraction:09d}".rstrip("0") if fraction else "") + "S"
    return sign + text


def to_text(value: Any) -> str | None:
    """The ISO 8601 text of a time, datetime, timedelta or MonthsDuration; None for
    anything else (a datetime.date is the caller's, as before)."""
    if isinstance(value, MonthsDuration):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return _days_text(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() + "T" + _clock(value)
    if isinstance(value, datetime.time):
        return _clock(value)
    return None


def _micros(fraction: str | None, text: str) -> int:
    if not fraction:
        return 0
    digits = fraction.ljust(9, "0")
    if digits[6:] != "000":
        raise ValueError(f"{text!r} is finer than a microsecond, which Python's datetime types cannot hold")
    return int(digits[:6])


def _zone(text: str) -> tuple[str, datetime.timezone | None]:
    if text.endswith("Z"):
        return text[:-1], datetime.timezone.utc
    if len(text) > 6 and text[-6] in "+-" and text[-3] == ":":
        minutes = int(text[-5:-3]) * 60 + int(text[-2:])
        return text[:-6], datetime.timezone(datetime.timedelta(minutes=-minutes if text[-6] == "-" else minutes))
    return text, None


def _time_of(text: str, full: str) -> datetime.time:
    clock, zone = _zone(text)
    main, _, fraction = clock.partition(".")
    hour, minute, second = (int(p) for p in main.split(":"))
    return datetime.time(hour, minute, second, _micros(fraction, full), tzinfo=zone)


def from_text(kind: str, text: str) -> Any:
    """The Python value of the library's ISO text of `kind` ("time", "date_time",
    "days_duration", "months_duration", "date")."""
    if kind == "date":
        return datetime.date.fromisoformat(text)
    if kind == "time":
        return _time_of(text, text)
    if kind == "date_time":
        day, _, clock = text.partition("T")
        t = _time_of(clock, text)
        return datetime.datetime.combine(datetime.date.fromisoformat(day), t)
    if kind == "months_duration":
        return MonthsDuration.parse(text)
    if kind == "days_duration":
        m = _DAYS.match(text)
        if not m:
            raise ValueError(f"{text!r} is not a days and time duration")
        sign, days, hours, minutes, seconds, fraction = m.groups()
        delta = datetime.timedelta(days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0),
                                   seconds=int(seconds or 0), microseconds=_micros(fraction, text))
        return -delta if sign else delta
    raise ValueError(f"unknown kind {kind!r}")
