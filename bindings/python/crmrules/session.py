"""State machines from Python: guided selling (SPIN, FABE, LSCPA) and your own machines.

    import crmrules

    s = crmrules.Session.builtin("lscpa")              # or Session(rules, "my_machine")
    s.fire("objection", {"kind": "price_value", "text": "looks good but too expensive"}, time=1)
    s.state                   # 'share'
    s.allowed_events          # ['shared', 'step_done', 'escalate']
    [r.text for r in s.recommendations]   # what to say next, in the deck's Chinese
    s.lang = "en"             # or Session.builtin("lscpa", lang="en"); s.recommendations_in("en")
    s.classify("objection_kind", "我从未听说过你的公司").label   # 'credibility'
    s.fire("objection", {"text": "太贵了"}, time=1)  # the kind classified from the words
    saved = s.save()          # compact bytes (versioned, checksummed); s.save_json() for JSON
    back = crmrules.Session.restore(saved)             # built-in machines; or restore(saved, rules)
    sealed = s.save(key=server_key)                    # a client cannot change it (32 secret bytes)
    back = crmrules.Session.restore(sealed, key=server_key)   # Unauthenticated if it was changed
    try:
        back.fire("accepted", time=2)
    except crmrules.IllegalTransition as e:            # the message lists the allowed events
        print(e)
    replay = s.replay([{"event": "shared", "time": 2}, {"event": "acepted"}])   # a scripted conversation
    [(step.from_state, step.to_state, step.error) for step in replay.steps]
    # [('share', 'clarify', None), ('clarify', 'clarify', UnknownName("... (did you mean 'accepted'?)"))]

A session is a running machine, a plain value: copy.copy() gives an independent one.
Every failed call leaves it exactly as it was. The time of an event is the caller's clock:
an int (say Unix milliseconds) or a datetime (converted to Unix milliseconds; a naive one
is taken as UTC); it never goes backwards.

Values in event data: str, bool, int, decimal.Decimal (exact; a float is refused with
TypeMismatch), datetime.date and None. Values out (context, audit data): str, bool, int,
Decimal, None; dates as "YYYY-MM-DD" strings.
"""

from __future__ import annotations

import datetime
import json
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ._ffi import c_str, call, ffi, lib, take_str
from .errors import CrmError, OutOfRange, TypeMismatch, error_class
from .ruleset import RuleSet, _pointer, _status
from .text import _lang, _lang_code

__all__ = [
    "Session",
    "Need",
    "Recommendation",
    "BenefitStatement",
    "Classification",
    "AuditEntry",
    "Replay",
    "ReplayStep",
    "builtin_machines",
    "builtin_machines_json",
]

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_builtin: RuleSet | None = None


def builtin_machines() -> RuleSet:
    """The built-in machines' rule set (spin, fabe, lscpa, complaint; its decisions are the complaint audit), loaded once."""
    global _builtin
    if _builtin is None:
        out = ffi.new("crm_ruleset **")
        call(lib.crm_ruleset_load_builtin_machines, out)
        _builtin = RuleSet(out[0])
    return _builtin


def builtin_machines_json() -> str:
    """The built-in machines' rule set as JSON text (rules/machines.json), to copy and change."""
    length = ffi.new("size_t *")
    text = lib.crm_builtin_machines_json(length)
    return ffi.unpack(text, length[0]).decode("utf-8")


@dataclass(frozen=True)
class Need:
    """A need as the machine recorded it. explicit: stated directly, or an acknowledged
    implication together with a stated need-payoff; buying_signal: explicit in a large
    deal, any need in a small one."""

    id: str
    description: str
    category: str
    stakeholder: str
    owner: str  # "personal" or "organisational"
    level: str  # Maslow's levels, or price / value / strategy; "unknown"
    stated: bool
    explicit: bool
    buying_signal: bool
    problems: list[str] = field(default_factory=list)
    implications: list[str] = field(default_factory=list)
    payoffs: list[str] = field(default_factory=list)
    benefits: list[str] = field(default_factory=list)
    maslow_group: str | None = None  # "low", "middle", "high" for personal needs


@dataclass(frozen=True)
class Recommendation:
    """Advice for the salesperson, from the state or from the transition that led here,
    in the language asked for (lang); fallback: some text was not in that language and is
    shown in the other one. topic: for programs (next_question: the question type)."""

    kind: str
    text: str
    items: list[str]
    source: str
    topic: str = ""
    lang: str = "zh"
    fallback: bool = False


@dataclass(frozen=True)
class BenefitStatement:
    """FABE: what to say for an explicit need, with the evidence to show."""

    need: str
    feature: str
    advantage: str
    benefit: str
    evidence: list[str]
    lang: str = "zh"
    fallback: bool = False


@dataclass(frozen=True)
class Classification:
    """What a machine's classifier made of the customer's words: label and rule are None
    when no rule matched."""

    classifier: str
    label: str | None
    rule: str | None
    matched: bool


@dataclass(frozen=True)
class AuditEntry:
    """One fired event."""

    sequence: int
    time: int
    event: str
    from_state: str
    to_state: str
    transition: str  # the transition's JSON pointer in the rule set
    data: dict[str, Any]


@dataclass(frozen=True)
class ReplayStep:
    """One step of a replayed script (Session.replay): the event it fired and the states
    before and after, with the recommendations then; or why it failed (the exception
    fire would raise, its pointer, line and column placed in the script: "/2/data/amount"),
    the session staying in from_state."""

    index: int  # the step's place in the script, from 0
    event: str | None  # None when the step failed
    time: int | None  # the time it fired at; None when it failed
    from_state: str
    to_state: str  # from_state when the step failed
    recommendations: list[Recommendation] = field(default_factory=list)
    error: CrmError | None = None

    @property
    def fired(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Replay:
    """Every step of a replayed script, in script order, and how many fired and failed."""

    fired: int
    failed: int
    steps: list[ReplayStep]


def _loads(text: str) -> Any:
    return json.loads(text, parse_float=Decimal)


def _json_value(value: Any, name: str) -> Any:
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise OutOfRange(f"{name}: {value} is not a finite number", code="out_of_range", status=lib.CRM_E_OUT_OF_RANGE, pointer=f"/{name}")
        return str(value)  # exact: decimal fields read decimal text
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, float):
        raise TypeMismatch(
            f"{name}: a float ({value!r}) is not exact; pass a decimal.Decimal or a str",
            code="type_mismatch",
            status=lib.CRM_E_TYPE_MISMATCH,
            pointer=f"/{name}",
        )
    raise TypeMismatch(f"{name}: unsupported value {value!r} ({type(value).__name__})", code="type_mismatch",
                       status=lib.CRM_E_TYPE_MISMATCH, pointer=f"/{name}")


def _time(time: Any) -> int:
    if isinstance(time, datetime.datetime):
        if time.tzinfo is None:
            time = time.replace(tzinfo=datetime.timezone.utc)
        return (time - _EPOCH) // datetime.timedelta(milliseconds=1)
    if isinstance(time, bool) or not isinstance(time, numbers.Integral):
        raise TypeError(f"time must be an int or a datetime, not {type(time).__name__}")
    return int(time)


def _step_value(value: Any, index: int, name: str) -> Any:
    """A data value of step `index` as fire takes it; its error placed in the script."""
    try:
        return _json_value(value, name)
    except CrmError as e:
        e.pointer = f"/{index}/data{_pointer(name)}"
        raise


def _script_step(step: Any, index: int) -> Any:
    """A step as JSON: its data's values exact (as fire takes them), a datetime time in
    Unix milliseconds; anything else as it is, for the library to judge."""
    if not isinstance(step, Mapping):
        return step
    out = {}
    for key, value in step.items():
        if key == "data" and isinstance(value, Mapping):
            value = {str(k): _step_value(v, index, str(k)) for k, v in value.items()}
        elif key == "time" and isinstance(value, (datetime.datetime, Decimal)):
            value = _time(value) if isinstance(value, datetime.datetime) else str(value)
        out[str(key)] = value
    return out


def _script(steps: Any) -> bytes:
    """The script's JSON text: the text as it is, or the steps written as JSON."""
    if isinstance(steps, str):
        return steps.encode("utf-8")
    if isinstance(steps, (bytes, bytearray, memoryview)):
        return bytes(steps)
    if isinstance(steps, Mapping) or not isinstance(steps, Iterable):
        raise TypeError(f"steps must be a list of steps (dicts) or a script's JSON text, not {type(steps).__name__}")
    return json.dumps([_script_step(step, i) for i, step in enumerate(steps)]).encode("utf-8")


def _error(error: dict[str, Any]) -> CrmError:
    """The exception for an error in the library's JSON form."""
    code = error["code"]
    return error_class(code)(
        error["message"],
        code=code,
        status=_status(code),
        pointer=error.get("pointer"),
        line=error.get("line"),
        column=error.get("column"),
        offset=error.get("offset"),
    )


def _replay_step(step: dict[str, Any]) -> ReplayStep:
    index = step["step"] - 1  # the report counts steps from 1
    if "error" in step:
        return ReplayStep(index, None, None, step["state"], step["state"], error=_error(step["error"]))
    recommendations = [Recommendation(**r) for r in step["recommendations"]]
    return ReplayStep(index, step["event"], step["time"], step["from"], step["to"], recommendations)


def _rules(rules: RuleSet | None) -> Any:
    return builtin_machines()._rules if rules is None else rules._rules


def _key_options(ctype: str, key: bytes | bytearray | memoryview | None) -> tuple[Any, Any]:
    """The options struct ctype holding key (ffi.NULL for None), and the buffer the
    struct points into, to keep alive during the call."""
    if key is None:
        return ffi.NULL, None
    if isinstance(key, str):
        raise TypeError("a session key is bytes (say secrets.token_bytes(32), kept on the server), not str")
    if not isinstance(key, (bytes, bytearray, memoryview)):
        raise TypeError(f"a session key is bytes, not {type(key).__name__}")
    raw = bytes(key)
    buffer = ffi.new("unsigned char[]", max(len(raw), 1))
    ffi.memmove(buffer, raw, len(raw))
    options = ffi.new(f"{ctype} *")
    options.size = ffi.sizeof(ctype)
    options.key = buffer
    options.key_len = len(raw)
    return options, buffer


class Session:
    """A running state machine of a rule set (docs/machines.md)."""

    __slots__ = ("_session", "_rules_ref")

    def __init__(self, rules: RuleSet | None, machine: str, *, lang: str | None = None) -> None:
        """A new session of the rule set's machine (rules=None: a built-in machine), in
        its initial state, showing its texts in lang ("zh", "en", "zh-CN", ...; None: the
        machine's own, zh unless it says). UnknownName (listing the machines) when there
        is none; InvalidArgument for an unknown language."""
        code = None if lang is None else _lang(lang)
        name = machine.encode("utf-8")
        out = ffi.new("crm_session **")
        call(lib.crm_session_create, out, _rules(rules), name, len(name))
        self._adopt(out[0], rules)
        if code is not None:
            call(lib.crm_session_set_lang, self._session, code)

    def _adopt(self, handle: Any, rules: RuleSet | None) -> None:
        self._session = ffi.gc(handle, lib.crm_session_free)
        self._rules_ref = rules

    @classmethod
    def _from_handle(cls, handle: Any, rules: RuleSet | None) -> Session:
        session = cls.__new__(cls)
        session._adopt(handle, rules)
        return session

    @classmethod
    def builtin(cls, machine: str, *, lang: str | None = None) -> Session:
        """A built-in machine: "spin", "fabe", "lscpa" or "complaint"."""
        return cls(None, machine, lang=lang)

    # ---- language and classifiers ------------------------------------------------

    @property
    def lang(self) -> str:
        """The language the session's texts are shown in ("zh" or "en"). Set it with a
        code ("en", "zh-CN"); saving does not keep it (a restored session speaks the
        machine's language)."""
        out = ffi.new("int *")
        call(lib.crm_session_lang, out, self._session)
        return _lang_code(out[0])

    @lang.setter
    def lang(self, lang: str) -> None:
        call(lib.crm_session_set_lang, self._session, _lang(lang))

    def recommendations_in(self, lang: str) -> list[Recommendation]:
        """The recommendations in lang, leaving the session's language as it is."""
        return [Recommendation(**r) for r in self._json_in(lang, lib.crm_session_recommendations_json)]

    def benefits_in(self, lang: str) -> list[BenefitStatement]:
        """The benefit statements in lang, leaving the session's language as it is."""
        return [BenefitStatement(**b) for b in self._json_in(lang, lib.crm_session_benefits_json)]

    def _json_in(self, lang: str, fn: Any) -> Any:
        code, before = _lang(lang), self.lang
        call(lib.crm_session_set_lang, self._session, code)
        try:
            return self._json(fn)
        finally:
            call(lib.crm_session_set_lang, self._session, _lang(before))

    @property
    def classifiers(self) -> list[str]:
        """The names of the machine's classifiers (rule sets over the customer's words)."""
        return self._json(lib.crm_session_classifiers_json)

    def classify(self, classifier: str, words: str) -> Classification:
        """What the machine's classifier makes of the customer's words: the built-in SPIN
        has "question_form", LSCPA "objection_kind". UnknownName (with "did you mean")
        for a classifier the machine does not have."""
        if not isinstance(words, str):
            raise TypeError(f"words must be a str, not {type(words).__name__}")
        name, text = classifier.encode("utf-8"), words.encode("utf-8")
        out = ffi.new("char **")
        call(lib.crm_session_classify_json, out, ffi.NULL, self._session, name, len(name), text, len(text))
        return Classification(**_loads(take_str(out[0])))

    # ---- firing events -----------------------------------------------------------

    def fire(self, event: str, data: Mapping[str, Any] | None = None, *, time: int | datetime.datetime = 0) -> str:
        """Fires event with its data (field name -> value) and returns the new state.

        Raises, leaving the session as it was: UnknownName (event or data field),
        IllegalTransition (not allowed in this state, listing the allowed events, or no
        guard holds), Conflict (two transitions enabled), Missing / TypeMismatch /
        OutOfRange (a data value, with its pointer "/field"), and the error of a guard or
        effect that fails to evaluate (DivisionByZero, ...)."""
        if data is not None and not isinstance(data, Mapping):
            raise TypeError(f"data must be a mapping of field names to values, not {type(data).__name__}")
        payload = b""
        if data:
            payload = json.dumps({str(k): _json_value(v, str(k)) for k, v in data.items()}).encode("utf-8")
        name = event.encode("utf-8")
        call(lib.crm_session_fire, self._session, name, len(name), payload, len(payload), _time(time))
        return self.state

    def replay(self, steps: Iterable[Mapping[str, Any]] | str | bytes) -> Replay:
        """Replays a conversation: each step ({"event", "data", "time", "note"}: a list of
        dicts, or the script's JSON text) fired in turn, a step without a time at the time
        of the step before (the first at 0). A step that fails leaves the session as it
        was and the replay goes on: its ReplayStep holds the error. Data values as fire
        takes them (a float raises TypeMismatch before any step fires); time an int, its
        text or a datetime.

        Raises, changing nothing: ParseError (text that is not JSON, with line and
        column), OutOfRange (a number too long to keep exact), TypeMismatch (not a list)."""
        script = _script(steps)
        out = ffi.new("char **")
        call(lib.crm_session_replay_json, out, ffi.NULL, self._session, script, len(script))
        report = _loads(take_str(out[0]))
        return Replay(report["fired"], report["failed"], [_replay_step(step) for step in report["steps"]])

    # ---- reading -------------------------------------------------------------------

    @property
    def machine(self) -> str:
        out = ffi.new("const char **")
        call(lib.crm_session_machine, out, self._session)
        return c_str(out[0])

    @property
    def state(self) -> str:
        out = ffi.new("const char **")
        call(lib.crm_session_state, out, ffi.NULL, self._session)
        return c_str(out[0])

    @property
    def state_index(self) -> int:
        """The state as its index in the machine's states (see states)."""
        out = ffi.new("const char **")
        index = ffi.new("size_t *")
        call(lib.crm_session_state, out, index, self._session)
        return index[0]

    @property
    def states(self) -> list[str]:
        """The machine's states, in definition order."""
        count = ffi.new("size_t *")
        call(lib.crm_session_state_count, count, self._session)
        out = ffi.new("const char **")
        names = []
        for i in range(count[0]):
            call(lib.crm_session_state_name, out, self._session, i)
            names.append(c_str(out[0]))
        return names

    @property
    def is_final(self) -> bool:
        out = ffi.new("int *")
        call(lib.crm_session_is_final, out, self._session)
        return bool(out[0])

    def _json(self, fn: Any) -> Any:
        out = ffi.new("char **")
        call(fn, out, ffi.NULL, self._session)
        return _loads(take_str(out[0]))

    @property
    def allowed_events(self) -> list[str]:
        """The events the current state has transitions for (none in a final state)."""
        return self._json(lib.crm_session_allowed_json)

    @property
    def context(self) -> dict[str, Any]:
        return self._json(lib.crm_session_context_json)

    @property
    def needs(self) -> list[Need]:
        return [Need(**n) for n in self._json(lib.crm_session_needs_json)]

    def need(self, id: str) -> Need | None:
        return next((n for n in self.needs if n.id == id), None)

    @property
    def recommendations(self) -> list[Recommendation]:
        return [Recommendation(**r) for r in self._json(lib.crm_session_recommendations_json)]

    @property
    def benefits(self) -> list[BenefitStatement]:
        return [BenefitStatement(**b) for b in self._json(lib.crm_session_benefits_json)]

    @property
    def audit(self) -> list[AuditEntry]:
        return [
            AuditEntry(e["sequence"], e["time"], e["event"], e["from"], e["to"], e["transition"], e["data"])
            for e in self._json(lib.crm_session_audit_json)
        ]

    def status(self) -> dict[str, Any]:
        """Everything at once: state, final, allowed, context, needs, recommendations,
        benefits, audit_size (as the library's JSON, parsed)."""
        return self._json(lib.crm_session_status_json)

    # ---- saving and restoring -----------------------------------------------------

    def save(self, *, key: bytes | bytearray | memoryview | None = None) -> bytes:
        """Compact bytes naming the rule set, its version, the machine and its
        definition's hash, with a checksum (which detects damage, not forgery).

        key: the server's secret (bytes, at least 16; secrets.token_bytes(32)): the bytes
        are sealed with an HMAC-SHA-256 instead, and restore only under that key, unchanged.
        InvalidArgument for a shorter key."""
        options, _keep = _key_options("crm_session_save_options", key)
        size = ffi.new("size_t *")
        buffer = ffi.new("unsigned char[]", 512)
        try:
            call(lib.crm_session_save_with, buffer, 512, size, self._session, options)
        except Exception:
            if size[0] <= 512:
                raise
            buffer = ffi.new("unsigned char[]", size[0])
            call(lib.crm_session_save_with, buffer, size[0], size, self._session, options)
        return bytes(ffi.buffer(buffer, size[0]))

    def save_json(self, *, key: bytes | bytearray | memoryview | None = None) -> str:
        """The same content as a JSON document; under a key, with a "seal" member."""
        options, _keep = _key_options("crm_session_save_options", key)
        out = ffi.new("char **")
        call(lib.crm_session_save_json_with, out, ffi.NULL, self._session, options)
        return take_str(out[0])

    @classmethod
    def restore(
        cls,
        data: bytes | bytearray | memoryview,
        rules: RuleSet | None = None,
        *,
        key: bytes | bytearray | memoryview | None = None,
    ) -> Session:
        """A session saved by save(), under rules (None: the built-in machines).

        Corrupt for truncated or damaged bytes (or an audit trail that does not lead to
        the saved state), VersionMismatch for another format, another rule set or a
        machine whose definition has changed, UnknownName when the rule set has no such
        machine. Unauthenticated: without a key, for a sealed session; with one, for a
        session that is not sealed, was changed since, or was sealed under another key."""
        options, _keep = _key_options("crm_session_restore_options", key)
        raw = bytes(data)
        out = ffi.new("crm_session **")
        call(lib.crm_session_restore_with, out, _rules(rules), raw, len(raw), options)
        return cls._from_handle(out[0], rules)

    @classmethod
    def restore_json(
        cls,
        text: str | bytes,
        rules: RuleSet | None = None,
        *,
        key: bytes | bytearray | memoryview | None = None,
    ) -> Session:
        """A session saved by save_json(); the same errors, ParseError with line and column.

        Without a key the document is checked strictly: every member present (Missing
        otherwise), and its audit trail, replayed, must give its state, context and needs
        (Corrupt, with the pointer of what differs)."""
        options, _keep = _key_options("crm_session_restore_options", key)
        raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        out = ffi.new("crm_session **")
        call(lib.crm_session_restore_json_with, out, _rules(rules), raw, len(raw), options)
        return cls._from_handle(out[0], rules)

    # ---- a value ---------------------------------------------------------------------

    def copy(self) -> Session:
        out = ffi.new("crm_session **")
        call(lib.crm_session_copy, out, self._session)
        return Session._from_handle(out[0], self._rules_ref)

    __copy__ = copy

    def __deepcopy__(self, memo: dict[int, Any]) -> Session:
        return self.copy()

    def __reduce__(self) -> Any:
        # Pickling needs the rule set: only built-in sessions pickle on their own.
        if self._rules_ref is not None:
            raise TypeError("a session of a loaded rule set does not pickle: save() it and restore(data, rules)")
        return (Session.restore, (self.save(),))

    def __repr__(self) -> str:
        return f"<crmrules.Session {self.machine!r} in state {self.state!r}>"

