"""The face every model's Python class shares: the built-in rules' object (one, shared),
one of a loaded rule set's section, and the built-in rules' JSON text. A subclass names
its C type and functions (crm_<area>_..._builtin, _from_ruleset, _free, _builtin_json)."""

from __future__ import annotations

import threading
from typing import Any, ClassVar, TypeVar

from ._ffi import call, ffi, lib
from .ruleset import RuleSet

_M = TypeVar("_M", bound="ModelFace")


class ModelFace:
    """Wraps a model's C handle: builtin() (borrowed, shared), from_rule_set() (owned),
    builtin_json()."""

    __slots__ = ("_handle", "__weakref__")

    _c_type: ClassVar[str]  # "crm_service_checker"
    _c_prefix: ClassVar[str]  # "crm_service_checker" for _builtin, _from_ruleset and _free
    _c_builtin_json: ClassVar[str]  # "crm_service_builtin_json"
    _lock: ClassVar[threading.Lock]
    _builtin: ClassVar[Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._lock = threading.Lock()
        cls._builtin = None

    def __init__(self, handle: Any) -> None:
        """Wraps the C handle; use builtin() or from_rule_set()."""
        self._handle = handle

    @classmethod
    def builtin(cls: type[_M]) -> _M:
        """The object of the built-in rules: one, shared (it is immutable)."""
        with cls._lock:
            if cls._builtin is None:
                out = ffi.new(f"const {cls._c_type} **")
                call(getattr(lib, cls._c_prefix + "_builtin"), out)
                cls._builtin = cls(out[0])  # borrowed: lives as long as the library
            return cls._builtin

    @classmethod
    def from_rule_set(cls: type[_M], rules: RuleSet) -> _M:
        """The object of a loaded rule set with this model's section (a changed copy of
        builtin_json()); InvalidRule when it has none."""
        if not isinstance(rules, RuleSet):
            raise TypeError(f"rules must be a crmrules.RuleSet, not {type(rules).__name__}")
        out = ffi.new(f"{cls._c_type} **")
        call(getattr(lib, cls._c_prefix + "_from_ruleset"), out, rules._rules)
        return cls(ffi.gc(out[0], getattr(lib, cls._c_prefix + "_free")))

    @classmethod
    def builtin_json(cls) -> str:
        """The built-in rules as JSON text, to copy and change (load the copy with
        RuleSet.load, then from_rule_set)."""
        out = ffi.new("const char **")
        length = ffi.new("size_t *")
        call(getattr(lib, cls._c_builtin_json), out, length)
        return ffi.unpack(out[0], length[0]).decode("utf-8")

    @classmethod
    def of(cls: type[_M], rules: RuleSet | _M | None) -> _M:
        """rules as this model's object: None the built-in one, a RuleSet its section's."""
        if rules is None:
            return cls.builtin()
        return rules if isinstance(rules, cls) else cls.from_rule_set(rules)
