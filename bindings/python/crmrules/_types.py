"""Type aliases the package's signatures share (for type checkers and help(); nothing
here runs)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:  # pragma: no cover
    import os

    import pandas

#: A JSON document: a dict, or its JSON text as str or bytes.
Document = Union[Mapping[str, Any], str, bytes]
#: Rows of inputs: a list (any iterable) of dicts, a dict of columns, or a pandas DataFrame.
Rows = Union[Iterable[Mapping[str, Any]], Mapping[str, Sequence[Any]], "pandas.DataFrame"]
#: Service tickets: a path (CSV, or JSON Lines for .jsonl / .ndjson), CSV text, dicts or a DataFrame.
Tickets = Union[str, "os.PathLike[str]", bytes, Iterable[Mapping[str, Any]], "pandas.DataFrame"]
#: A record of outputs (or of a test's expectations): names to values.
Record = dict[str, Any]
