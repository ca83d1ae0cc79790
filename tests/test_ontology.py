import pytest

from communique import ontology
from communique.ontology import PLOVER_TYPES


@pytest.mark.parametrize(
    ("code", "plover", "mode", "quad"),
    [
        ("042", "CONSULT", "visit", 1),
        ("043", "CONSULT", "visit", 1),
        ("036", "AGREE", None, 1),
        ("051", "SUPPORT", None, 1),
        ("072", "AID", None, 2),
        ("0841", "RETREAT", "release", 2),
        ("081", "CONCEDE", None, 2),
        ("090", "ACCUSE", "investigate", 2),
        ("020", "REQUEST", None, 1),
        ("1041", "REQUEST", "change", 3),
        ("111", "ACCUSE", "disapprove", 3),
        ("112", "ACCUSE", "allege", 3),
        ("125", "REJECT", "meet", 3),
        ("138", "THREATEN", "violence", 3),
        ("141", "PROTEST", "demo", 3),
        ("154", "MOBILIZE", "troops", 4),
        ("161", "SANCTION", "withdraw", 4),
        ("163", "SANCTION", "discontinue", 4),
        ("173", "COERCE", "arrest", 4),
        ("186", "ASSAULT", "targeted", 4),
        ("190", "ASSAULT", None, 4),
        ("204", "ASSAULT", "unconventional", 4),
    ],
)
def test_known_codes(code, plover, mode, quad):
    record = ontology.cameo(code)
    assert (record.plover, record.plover_mode, record.quad_class) == (plover, mode, quad)
    assert record.root == code[:2]


def test_names_and_goldstein_values():
    assert ontology.cameo("042").name == "Make a visit"
    assert ontology.goldstein("042") == 1.9
    assert ontology.goldstein("163") == -8.0
    assert ontology.goldstein("20") == -10.0
    assert ontology.cameo("04").name == "CONSULT"


def test_statements_have_no_plover_type():
    for code in ("01", "010", "012", "016", "019"):
        assert ontology.plover(code) is None
        assert ontology.quad_class(code) == 1


def test_quad_class_follows_the_root_as_gdelt():
    expected = {1: range(1, 6), 2: range(6, 10), 3: range(10, 15), 4: range(15, 21)}
    for record in ontology.cameo_codes():
        quad = next(q for q, roots in expected.items() if int(record.root) in roots)
        assert record.quad_class == quad, record.code


def test_every_code_has_valid_values():
    codes = ontology.cameo_codes()
    assert len(codes) > 300
    assert len({c.code for c in codes}) == len(codes)
    for record in codes:
        assert -10 <= record.goldstein <= 10, record.code
        assert record.quad_class in (1, 2, 3, 4), record.code
        assert record.code.isdigit() and len(record.code) in (2, 3, 4)
        assert record.name


def test_every_mapped_plover_type_and_mode_is_current():
    types = ontology.plover_types()
    assert tuple(types) == PLOVER_TYPES
    assert len(types) == 16
    for record in ontology.cameo_codes():
        if record.root != "01":
            assert record.plover in PLOVER_TYPES, record.code
        if record.plover_mode is not None:
            assert record.plover_mode in types[record.plover].modes, record.code


def test_old_plover_names_are_not_used():
    used = {c.plover for c in ontology.cameo_codes()}
    assert not used & {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "YIELD", "CRIME"}
    with pytest.raises(KeyError, match="DEMAND"):
        ontology.plover_type("DEMAND")


def test_plover_types_quad_and_scores():
    assert ontology.plover_type("CONSULT").quad_class == 1
    assert ontology.plover_type("ACCUSE").quad_class == 3
    assert ontology.plover_type("PROTEST").quad_class == 4
    assert ontology.plover_type("SANCTION").requires_recipient
    assert ontology.plover_score("CONSULT", "visit") == 4.0
    assert ontology.plover_score("CONSULT") == 2.5
    assert ontology.plover_score("ACCUSE") < 0
    assert ontology.plover_score("ASSAULT", "no-such-mode") == ontology.plover_type("ASSAULT").score
    assert set(ontology.plover_type("REQUEST").modes) == {"assist", "change", "yield", "meet"}


def test_unknown_codes_raise_clear_errors():
    with pytest.raises(KeyError, match="unknown CAMEO event code: '42'"):
        ontology.cameo("42")
    with pytest.raises(KeyError):
        ontology.cameo("999")
    assert not ontology.is_cameo("42")
    assert ontology.is_cameo("0874")


def test_sectors_and_regions():
    assert ontology.sector_label("GOV") == "Government"
    assert ontology.sector_label("MIL") == "Military"
    assert ontology.sector_label("IGO") == "Inter-Governmental Organization"
    for code in ("GOV", "MIL", "MED", "OPP", "REB", "BUS", "IGO", "NGO", "CVL", "JUD", "LEG", "COP", "EDU"):
        assert ontology.is_sector(code)
    assert not ontology.is_sector("USA")
    with pytest.raises(KeyError):
        ontology.sector_label("XYZ")
    for code in ("WST", "EUR", "AFR", "ASA", "MEA", "LAM"):
        assert ontology.is_region(code)
    assert ontology.region_label("WST") == "The West"
    assert not ontology.is_region("USA")
    assert not ontology.is_region("GZS")  # a place (Gaza Strip), not a region
