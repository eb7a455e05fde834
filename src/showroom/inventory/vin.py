"""VIN checks: the ISO 3779 format, and the check digit (position 9) mandatory for North America (49 CFR 565).

The check digit is only required of VINs whose first character (the region of manufacture) is 1-5: North
America. Elsewhere position 9 is free, so `check_digit_ok` is None there.
"""

from __future__ import annotations

from dataclasses import dataclass

VIN_LENGTH = 17

# 49 CFR 565.15: letters transliterate to these values (I, O and Q never occur); digits are themselves.
_LETTER_VALUES = {
    "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8,
    "J": 1, "K": 2, "L": 3, "M": 4, "N": 5, "P": 7, "R": 9,
    "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8, "Z": 9,
}  # fmt: skip
# Weight of each position 1..17; position 9 (the check digit itself) weighs 0.
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_NORTH_AMERICA = frozenset("12345")


@dataclass
class VinCheck:
    vin: str  # upper-cased and stripped
    valid: bool  # 17 characters of [A-HJ-NPR-Z0-9]
    north_american: bool  # first character 1-5
    check_digit_ok: bool | None  # None when not a valid North American VIN (nothing to check)
    message: str | None  # why it is invalid or its check digit is wrong; None when all is well


def _value(char: str) -> int:
    return int(char) if char.isdigit() else _LETTER_VALUES[char]


def check_digit(vin: str) -> str:
    """The expected position-9 character of a 17-character VIN in the allowed alphabet: "0"-"9" or "X"."""
    remainder = sum(_value(char) * weight for char, weight in zip(vin, _WEIGHTS, strict=True)) % 11
    return "X" if remainder == 10 else str(remainder)


def _format_problem(vin: str) -> str | None:
    if not vin:
        return "VIN is empty"
    if len(vin) != VIN_LENGTH:
        return f"VIN {vin!r} has {len(vin)} characters; a VIN has exactly 17"
    for position, char in enumerate(vin, start=1):
        if char in "IOQ":
            return f"VIN {vin!r} contains {char!r} at position {position}; I, O and Q are never used in VINs"
        if not ("0" <= char <= "9" or "A" <= char <= "Z"):
            return f"VIN {vin!r} contains {char!r} at position {position}; only letters and digits are allowed"
    return None


def check_vin(raw: str) -> VinCheck:
    vin = raw.strip().upper()
    north_american = bool(vin) and vin[0] in _NORTH_AMERICA
    problem = _format_problem(vin)
    if problem is not None:
        return VinCheck(vin=vin, valid=False, north_american=north_american, check_digit_ok=None, message=problem)
    if not north_american:
        return VinCheck(vin=vin, valid=True, north_american=False, check_digit_ok=None, message=None)
    expected = check_digit(vin)
    if vin[8] == expected:
        return VinCheck(vin=vin, valid=True, north_american=True, check_digit_ok=True, message=None)
    message = f"VIN {vin} fails the North American check digit: position 9 is {vin[8]!r}, expected {expected!r}"
    return VinCheck(vin=vin, valid=True, north_american=True, check_digit_ok=False, message=message)
