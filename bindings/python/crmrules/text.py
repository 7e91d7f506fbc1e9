"""Texts in the deck's Chinese with English beside them (crm::Text), and the language
codes of the C ABI (crm_lang), shared by the models' modules.

    t = crmrules.Text("抓头或控头", "reach the head")
    t.get("en"), str(t)        # 'reach the head', '抓头或控头'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import InvalidArgument

__all__ = ["Text"]

# crm_lang: the numbers of the C ABI (CRM_LANG_ZH, CRM_LANG_EN).
_LANGS = {"zh": 0, "en": 1}


def _lang(lang: str) -> int:
    """The crm_lang of a language code: "zh", "en", or with a region ("zh-CN", "en_GB"),
    as crm_lang_parse reads it; InvalidArgument naming anything else."""
    if lang in _LANGS:
        return _LANGS[lang]
    if not isinstance(lang, str):
        raise InvalidArgument(f"lang must be a language code such as 'zh' or 'en', not {lang!r}", code="invalid_argument")
    from ._ffi import call, ffi, lib  # the native module loads on first use

    code = lang.encode("utf-8")
    out = ffi.new("int *")
    call(lib.crm_lang_parse, out, code, len(code))
    return out[0]


def _lang_code(code: int) -> str:
    return "zh" if code == _LANGS["zh"] else "en"


@dataclass(frozen=True)
class Text:
    """A text in the deck's Chinese with English beside it (crm::Text)."""

    zh: str = ""
    en: str = ""

    def get(self, lang: str = "zh") -> str:
        """The text in lang ("zh" or "en"), or in the other language when it has none there."""
        first, other = (self.zh, self.en) if _lang(lang) == 0 else (self.en, self.zh)
        return first or other

    def __str__(self) -> str:
        return self.get("zh")

    def __bool__(self) -> bool:
        return bool(self.zh or self.en)


def _text(d: Any) -> Text:
    d = d or {}
    return Text(d.get("zh", ""), d.get("en", ""))
