"""crmrules.arith: exact results, Python types in and out, and every error path."""

import decimal
from decimal import Decimal

import pytest

import crmrules
from crmrules import arith


@pytest.mark.parametrize(
    "text, expected",
    [("12", "12"), ("-0.50", "-0.50"), (".5", "0.5"), ("1e6", "1000000"), ("0.10", "0.10"), (b"7.25", "7.25")],
)
def test_parse_gives_the_exact_decimal_with_its_scale(text, expected):
    result = arith.parse(text)
    assert type(result) is Decimal
    assert str(result) == expected


def test_inputs_may_be_decimal_int_or_str():
    assert arith.add(Decimal("1.5"), 2) == Decimal("3.5")
    assert arith.add("1.5", Decimal("2")) == Decimal("3.5")
    assert arith.add(10**19, 0) == Decimal(10**19)
    assert arith.parse(Decimal("1E+2")) == 100


def test_binary_floating_point_is_not_exact_but_this_is():
    assert arith.add("0.1", "0.2") == Decimal("0.3")
    assert str(arith.add(Decimal("0.1"), Decimal("0.2"))) == "0.3"


def test_add_sub_mul_keep_the_scale():
    assert str(arith.add("0.10", 0)) == "0.10"
    assert str(arith.sub("1.00", "0.25")) == "0.75"
    assert str(arith.sub(1, 3)) == "-2"
    assert str(arith.mul("19.99", "1.13")) == "22.5887"


def test_div():
    assert str(arith.div(1, 3)) == "0.333333333333333333"
    assert str(arith.div(10, 4)) == "2.5"  # trailing zeros dropped
    assert str(arith.div(2, 3, scale=4, rounding="half_up")) == "0.6667"
    assert str(arith.div(2, 3, 4, "down")) == "0.6666"
    assert str(arith.div(-7, 2, scale=0, rounding="floor")) == "-4"


@pytest.mark.parametrize(
    "value, rounding, expected",
    [
        ("2.5", "half_even", "2"),
        ("3.5", "half_even", "4"),
        ("2.5", "half_up", "3"),
        ("2.5", "half_down", "2"),
        ("-2.5", "floor", "-3"),
        ("-2.5", "ceiling", "-2"),
        ("-2.5", "down", "-2"),
        ("-2.5", "up", "-3"),
        ("2.5", decimal.ROUND_HALF_UP, "3"),
    ],
)
def test_round_modes(value, rounding, expected):
    assert str(arith.round(value, 0, rounding)) == expected


def test_round_gives_exactly_the_digits_asked_for():
    assert str(arith.round("2.5", 0)) == "2"  # half-even by default
    assert str(arith.round("1.005", 2, rounding="half_up")) == "1.01"
    assert str(arith.round(1, 2)) == "1.00"


def test_compare_follows_the_value_not_the_scale():
    assert arith.compare("1.0", "1.00") == 0
    assert arith.compare(1, "2") == -1
    assert arith.compare(Decimal("2"), "1.999999999999999999") == 1


def test_unparsable_text_says_where():
    with pytest.raises(crmrules.ParseError) as info:
        arith.parse("12,5")
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, crmrules.CrmError)
    assert (e.code, e.status, e.offset, e.line, e.pointer) == ("parse", 2, 2, None, None)
    assert "12,5" in e.message
    assert str(e).endswith("(at offset 2)")


def test_an_error_inside_a_multibyte_character():
    # The library's message quotes the first byte of "€" alone, which is not UTF-8.
    with pytest.raises(crmrules.ParseError) as info:
        arith.parse("1€")
    assert info.value.offset == 1 and "1€" in info.value.message


def test_overflow():
    with pytest.raises(crmrules.DecimalOverflow) as info:
        arith.mul(10**19, 100)
    assert isinstance(info.value, OverflowError) and isinstance(info.value, ArithmeticError)
    assert info.value.code == "overflow"
    with pytest.raises(crmrules.DecimalOverflow):
        arith.parse("1" + "0" * 20)


def test_division_by_zero():
    with pytest.raises(ZeroDivisionError) as info:
        arith.div(1, 0)
    assert isinstance(info.value, crmrules.DivisionByZero)
    assert info.value.code == "division_by_zero"


def test_invalid_utf8_reaches_the_library():
    with pytest.raises(crmrules.InvalidUtf8) as info:
        arith.parse(b"1\xff")
    assert isinstance(info.value, ValueError)
    assert (info.value.code, info.value.offset) == ("invalid_utf8", 1)
    with pytest.raises(crmrules.InvalidUtf8):
        arith.add("1\ud800", 1)  # a lone surrogate


@pytest.mark.parametrize(
    "call",
    [
        lambda: arith.div(1, 3, scale=19),
        lambda: arith.round("1.5", 19),
        lambda: arith.round("1.5", -1),
        lambda: arith.parse("0.0000000000000000001"),  # 19 fractional digits
    ],
)
def test_out_of_range(call):
    with pytest.raises(crmrules.OutOfRange) as info:
        call()
    assert isinstance(info.value, ValueError) and info.value.code == "out_of_range"


def test_unknown_rounding_names_the_choices():
    with pytest.raises(ValueError, match="half_even, half_up, half_down, down, up, floor, ceiling"):
        arith.div(1, 3, rounding="bankers")
    with pytest.raises(ValueError, match="unknown rounding"):
        arith.round(1, 0, decimal.ROUND_05UP)


@pytest.mark.parametrize("value", [0.1, 1.0, True])
def test_float_and_bool_are_refused(value):
    with pytest.raises(TypeError):
        arith.add(value, 1)
    with pytest.raises(TypeError):
        arith.parse(value)


def test_float_refusal_explains_itself():
    with pytest.raises(TypeError, match="binary floating point"):
        arith.mul("19.99", 1.13)


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-Infinity"])
def test_non_finite_decimals_are_refused(value):
    with pytest.raises(ValueError, match="not a finite number"):
        arith.add(Decimal(value), 1)


def test_amounts_as_the_deck_writes_them():
    assert arith.parse_amount("500万") == Decimal("5000000")
    assert arith.parse_amount("1.3亿") == Decimal("130000000")
    assert arith.parse_amount("１２．５万") == Decimal("125000")
    assert arith.parse_amount("12.50") == Decimal("12.50")
    with pytest.raises(crmrules.ParseError, match="more than one unit"):
        arith.parse_amount("万万")
    with pytest.raises(crmrules.ParseError, match="'1.3.5万' is not an amount"):
        arith.parse_amount("1.3.5万")


def test_the_built_in_rules_read_the_decks_figures():
    rules = crmrules.builtin()
    written = rules.evaluate({"annual_purchases": "1.3亿", "annual_discount": "1300万", "contact_cost": "30万",
                              "annual_net_profit": "2000万", "historical_contribution": "5700万",
                              "cooperation": "5/10", "budgeted_total_profit": "2.5亿",
                              "background": "国际领先技术", "potential": "A1", "influence": "A1"})
    plain = rules.evaluate({"annual_purchases": 130000000, "annual_discount": 13000000, "contact_cost": 300000,
                            "annual_net_profit": 20000000, "historical_contribution": 57000000, "cooperation": 5,
                            "budgeted_total_profit": 250000000, "background": "technology", "potential": "A1",
                            "influence": "A1"})
    assert written == plain
    assert written["value_grade"] == "A1"
    with pytest.raises(crmrules.ParseError, match="a score out of 5, but the field's scores are out of 10"):
        rules.evaluate({"annual_purchases": "500万", "annual_net_profit": "50万", "cooperation": "7/5"})
