"""The package: versions, the error table and the generic call path into the C ABI."""

import pickle
import re
from pathlib import Path

import pytest

import crmrules
from crmrules import errors
from crmrules._ffi import call, ffi, lib


def test_version_is_the_librarys():
    assert crmrules.__version__ == ffi.string(lib.crm_version_string()).decode()
    assert crmrules.version_info == tuple(int(part) for part in crmrules.__version__.split("."))


def test_version_matches_version_h():
    text = (Path(__file__).resolve().parents[3] / "include" / "crmrules" / "version.h").read_text()
    parts = (re.search(rf"#define CRM_VERSION_{p} (\d+)", text)[1] for p in ("MAJOR", "MINOR", "PATCH"))
    assert crmrules.__version__ == ".".join(parts)


def test_every_status_in_the_header_has_its_own_class():
    classes = set()
    for status, name in ffi.typeof("crm_status").elements.items():
        if status == lib.CRM_OK:
            continue
        code = ffi.string(lib.crm_status_name(status)).decode()
        assert code == name.removeprefix("CRM_E_").lower()
        cls = errors.error_class(code)
        assert cls is not crmrules.CrmError and issubclass(cls, crmrules.CrmError)
        assert getattr(crmrules, cls.__name__) is cls
        classes.add(cls)
    assert len(classes) == len(ffi.typeof("crm_status").elements) - 1


def test_an_unknown_status_name_is_still_a_crm_error():
    assert errors.error_class("from_a_later_version") is crmrules.CrmError


@pytest.mark.parametrize("cls", [errors.error_class(c) for c in ("io", "unknown_name", "invalid_utf8", "missing")])
def test_exceptions_keep_their_fields_through_pickle(cls):
    e = cls("bad row", code="x", status=9, pointer="/rows/3", line=4, column=7)
    assert str(e) == "bad row (at /rows/3, line 4, column 7)"
    copy = pickle.loads(pickle.dumps(e))
    assert type(copy) is cls
    assert (copy.message, copy.code, copy.status, copy.pointer, copy.line, copy.column, copy.offset) == (
        "bad row", "x", 9, "/rows/3", 4, 7, None)


def test_call_raises_with_the_librarys_message():
    # A NULL out-pointer cannot come from the public API; call() maps it like any error.
    with pytest.raises(crmrules.InvalidArgument, match="argument 'out' is NULL") as info:
        call(lib.crm_decimal_parse, ffi.NULL, b"1", 1)
    assert info.value.status == lib.CRM_E_INVALID_ARGUMENT
    assert str(info.value) == info.value.message  # no location


def test_call_returns_on_success():
    out = ffi.new("crm_decimal *")
    assert call(lib.crm_decimal_from_int64, out, 42) is None
    value = ffi.new("int64_t *")
    call(lib.crm_decimal_to_int64, value, out)
    assert value[0] == 42


def test_sized_structs_carry_their_size():
    # Structs that grow (docs/c-api.md): the wrappers set size as the INIT macros do, and
    # the library refuses a struct whose size was never set, naming the argument.
    analysis = crmrules.analyze_kano([("r1", "Free delivery", "Like", "Dislike")])
    assert analysis.results[0].category == "O"
    unset = ffi.new("crm_kano_result *")
    with pytest.raises(crmrules.InvalidArgument, match="argument 'out' has size 0.*CRM_KANO_RESULT_INIT"):
        call(lib.crm_kano_analysis_result, unset, analysis._handle, 0)
    assert unset.attribute == ffi.NULL  # nothing written
    options = ffi.new("crm_portfolio_options *")
    out = ffi.new("crm_portfolio **")
    with pytest.raises(crmrules.InvalidArgument, match="argument 'options' has size 0"):
        call(lib.crm_portfolio_classify, out, ffi.new("crm_decimal[]", 1), 1, options)
    options.size = ffi.sizeof("crm_portfolio_options")
    call(lib.crm_portfolio_classify, out, ffi.NULL, 0, options)  # every member NULL: the defaults
    lib.crm_portfolio_free(out[0])
